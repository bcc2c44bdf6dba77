package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the referral ledger announces to the other services, inside the transaction that made the
 * change. The events are built in {@code messaging/} (OutboxReferralPublisher) from the state
 * given here, so the domain knows its referrals, not the wire format.
 */
public interface ReferralPublisher {

    /** A referral received (with its patient, for reports-service alone) or sent (no patient). */
    void opened(Referral referral, @Nullable Patient patient);

    void moved(Referral referral, ReferralStatus to, @Nullable String reason, String actor, Instant at,
               @Nullable LocalDate occurredOn);

    void visitRecorded(Referral referral, Visit visit);
}
