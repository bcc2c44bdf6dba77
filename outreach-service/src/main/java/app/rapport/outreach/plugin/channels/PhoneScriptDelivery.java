package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.plugin.Delivery;
import app.rapport.outreach.plugin.DeliveryChannel;
import app.rapport.outreach.plugin.DeliveryRequest;
import jakarta.inject.Singleton;

import java.util.Set;

/** A phone call is a task for staff: who to call, at which number, and what to say. */
@Singleton
public class PhoneScriptDelivery implements DeliveryChannel {

    @Override
    public String name() {
        return "phone-script";
    }

    @Override
    public String description() {
        return "Give staff the number and a call script for thank-you calls, check-ins and first contacts";
    }

    @Override
    public Set<OutreachChannel> channels() {
        return Set.of(OutreachChannel.PHONE);
    }

    @Override
    public Delivery deliver(DeliveryRequest r) {
        String script = script(r);
        Partner p = r.partner();
        return new Delivery(false, "Call " + p.displayName() + (p.phone() == null ? " (no number on file)"
                : " at " + p.phone()), null, null, script);
    }

    static String script(DeliveryRequest r) {
        Partner p = r.partner();
        String hello = "Hello, this is " + r.staffUser() + " calling from " + r.clinic().clinicName() + " for "
                + p.displayName() + ". ";
        String body = switch (r.task().type()) {
            case THANK_YOU -> "I'm calling to thank you for the patient you referred to us. We have them on our "
                    + "schedule and will keep you informed of their progress. Is there anything you would like us "
                    + "to know about them, or a way you prefer to receive our reports?";
            // The clinician's own call; no gift is offered or hinted at (42 CFR 411.357(k)).
            case PERSONAL_THANKS -> "I wanted to thank you personally for the trust you place in us. Working with you "
                    + "makes a real difference to the patients we share, and I value our collaboration. Is there "
                    + "anything we could do better for your patients?";
            case CHECK_IN -> "It has been a while since we worked together and I wanted to check in. How are things "
                    + "at your practice? Is there anything we could do better for the patients you send us?";
            case NEW_CONTACT -> "We work with many patients in our community and would like to introduce ourselves. "
                    + "Could we send you our referral packet, or meet for a few minutes to learn about your practice?";
            case INTRO_MEETING -> "We've referred a few patients to you and were glad of your care. Could we meet "
                    + "briefly to introduce our clinic and learn how we can work together?";
            case INVITATION -> "We'd like to invite you to see our work first-hand: "
                    + (r.task().offer() == null ? "a visit to our clinic" : r.task().offer().wording())
                    + ". When would suit you?";
            case GESTURE -> "We wanted to thank your office for working with us. Would a lunch for your team next "
                    + "week be welcome?";
        };
        return hello + body + " Never discuss a patient's details unless you have confirmed you are speaking "
                + "with the practitioner or their authorised staff.";
    }
}
