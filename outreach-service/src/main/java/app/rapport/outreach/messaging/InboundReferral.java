package app.rapport.outreach.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * The part of ReferralReceived / ReferralSent outreach reads. The patient block is deliberately
 * not mapped: outreach needs no patient data and never holds any. The treating clinician signs
 * the letters the referral prompts.
 */
@Serdeable
public record InboundReferral(@NotBlank String referralId,
                              @NotBlank @Pattern(regexp = "RECEIVED|SENT") String direction,
                              @Nullable String kind,
                              @NotBlank String practitionerId,
                              @Nullable LocalDate receivedOn,
                              @Nullable LocalDate sentOn,
                              @Nullable TreatingPractitioner treatingPractitioner) {

    /** The clinic's own clinician for the patient: signs the thank-you. Not patient data. */
    @Serdeable
    public record TreatingPractitioner(@Nullable String id, @NotBlank String name, @Nullable String credentials) {
    }
}
