package app.rapport.outreach.plugin;

import app.rapport.platform.events.EventEnvelope;
import io.micronaut.core.annotation.Nullable;

/**
 * An event as rules see it: the envelope (type, clinic, time, raw JSON payload) and, for referral
 * events, the referral already read.
 */
public record OutreachEvent(EventEnvelope envelope, @Nullable ReferralFact referral) {

    public String type() {
        return envelope.type();
    }

    public String clinicId() {
        return envelope.clinicId();
    }
}
