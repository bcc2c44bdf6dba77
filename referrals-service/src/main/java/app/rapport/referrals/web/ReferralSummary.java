package app.rapport.referrals.web;

import app.rapport.referrals.domain.Channel;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Kind;
import app.rapport.referrals.domain.Partner;
import app.rapport.referrals.domain.Patient;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.Urgency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** One line of the referral list: enough to find the referral, not its history. */
@Serdeable
public record ReferralSummary(String id, Direction direction, Kind kind, String practitionerId,
                              @Nullable String practitionerName, @Nullable String patientName, Urgency urgency, Channel channel, LocalDate referredOn,
                              ReferralStatus status, @Nullable Instant loopClosedAt) {

    public static ReferralSummary of(Referral r, @Nullable Partner partner, @Nullable Patient patient) {
        return new ReferralSummary(r.id(), r.direction(), r.kind(), r.practitionerId(),
                partner == null ? null : partner.displayName(),
                patient == null ? null : patient.firstName() + " " + patient.lastName(), r.urgency(), r.channel(),
                r.referredOn(), r.status(), r.loopClosedAt());
    }
}
