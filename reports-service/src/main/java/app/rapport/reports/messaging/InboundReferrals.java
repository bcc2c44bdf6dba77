package app.rapport.reports.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The parts of referrals-service's events this service reads: referrals.referrals.v1, and
 * referrals.patients.v1 ({@link PatientReferred}), the topic only this service may read (ADR 0206).
 */
public final class InboundReferrals {

    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private InboundReferrals() {
    }

    /** What {@link ReferralsHandler} reads: a referral either way, a move through its states, a visit. */
    public sealed interface ReferralActivity permits ReferralReceived, ReferralSent, ReferralStatusChanged, VisitRecorded {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TreatingPractitioner(@Nullable String id, @NotBlank String name, @Nullable String credentials) {
    }

    /** Never logged: the name and birth date address the report, the reference matches consents. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Patient(@NotBlank @Pattern(regexp = UUID) String reference, @NotBlank String firstName,
                          @NotBlank String lastName, @NotNull LocalDate birthDate) {
        @Override
        public String toString() {
            return "Patient[" + reference + "]";
        }
    }

    /** The patient as the pseudonymous reference only: who it is comes in {@link PatientReferred}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralReceived(@NotBlank @Pattern(regexp = UUID) String referralId, @NotBlank String kind,
                                   @NotBlank @Pattern(regexp = UUID) String practitionerId, @NotBlank String status,
                                   @Nullable String requestedService, @NotNull LocalDate receivedOn,
                                   @Nullable @Valid TreatingPractitioner treatingPractitioner,
                                   @Nullable @Pattern(regexp = UUID) String primaryCarePractitionerId,
                                   @NotBlank @Pattern(regexp = UUID) String patientReference) implements ReferralActivity {
    }

    /** Who a received referral is about and why; never logged. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientReferred(@NotBlank @Pattern(regexp = UUID) String referralId, @NotBlank String reason,
                                  @Nullable List<String> diagnosisCodes, @NotNull @Valid Patient patient) {
        @Override
        public String toString() {
            return "PatientReferred[" + referralId + " " + patient + "]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralSent(@NotBlank @Pattern(regexp = UUID) String referralId, @NotBlank String kind,
                               @NotBlank @Pattern(regexp = UUID) String practitionerId, @NotBlank String status,
                               @NotNull LocalDate sentOn) implements ReferralActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralStatusChanged(@NotBlank @Pattern(regexp = UUID) String referralId,
                                        @Nullable String direction, @NotBlank String practitionerId,
                                        @NotBlank String from, @NotBlank String to, @Nullable String reason,
                                        @NotNull Instant changedAt, @Nullable LocalDate occurredOn) implements ReferralActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Money(@NotBlank @Pattern(regexp = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,4})?$") String amount,
                        @NotBlank @Pattern(regexp = "^[A-Z]{3}$") String currency) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VisitRecorded(@NotBlank @Pattern(regexp = UUID) String visitId,
                                @NotBlank @Pattern(regexp = UUID) String referralId,
                                @NotBlank @Pattern(regexp = UUID) String practitionerId, @NotNull LocalDate visitDate,
                                @NotBlank String type, @NotNull Integer visitNumber, @Nullable @Valid Money billedAmount) implements ReferralActivity {
    }
}
