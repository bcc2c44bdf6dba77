package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.Delivery;
import app.rapport.outreach.plugin.DeliveryChannel;
import app.rapport.outreach.plugin.DeliveryFailedException;
import app.rapport.outreach.plugin.DeliveryRequest;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.mail.Mail;
import app.rapport.platform.mail.MailOutcomeUnknown;
import app.rapport.platform.mail.MailRefused;
import app.rapport.platform.mail.Mailer;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Sends the clinic's e-mail for the task, signed and with the clinic's letterhead below. A
 * thank-you is done once sent; an invitation waits for the partner's answer.
 */
@Singleton
public class EmailDelivery implements DeliveryChannel {

    private final Mailer mailer;

    public EmailDelivery(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String description() {
        return "Send thank-you and invitation e-mails over SMTP with the clinic's templates";
    }

    @Override
    public Set<OutreachChannel> channels() {
        return Set.of(OutreachChannel.EMAIL);
    }

    @Override
    public Delivery deliver(DeliveryRequest request) {
        String to = request.partner().email();
        if (to == null || to.isBlank()) {
            throw DomainException.invalidField("channel", request.partner().displayName()
                    + " has no e-mail address in the directory; choose another channel");
        }
        MessageTemplate message = Templates.message(request);
        // The clinic's letterhead closes the e-mail, as it heads a printed letter.
        String letterhead = request.clinic().letterhead();
        try {
            mailer.send(Mail.text(to, message.subject(),
                    letterhead.isEmpty() ? message.body() : message.body() + "\n\n--\n" + letterhead));
        } catch (MailRefused | MailOutcomeUnknown e) {
            throw new DeliveryFailedException(e.getMessage(), e);
        }
        boolean done = request.task().type() != TaskType.INVITATION;
        return new Delivery(done, "E-mail \"" + message.subject() + "\" sent to " + to, null, null, null);
    }
}
