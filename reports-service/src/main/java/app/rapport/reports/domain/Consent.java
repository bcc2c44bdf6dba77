package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The patient's permission to disclose reports of the types in {@code scope} to one practitioner. */
@MappedEntity("consent")
public record Consent(@Id String id, String clinicId, String patientReference, String practitionerId, String scope,
                      LocalDate validFrom, @Nullable LocalDate validTo, ConsentObtainedVia obtainedVia,
                      String recordedBy, Instant recordedAt, @Nullable Instant revokedAt, @Nullable String revokedBy,
                      @Nullable String revocationReason, long version) {

    public Set<ReportType> scopeTypes() {
        return Arrays.stream(scope.split(",")).filter(s -> !s.isBlank()).map(ReportType::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static String scopeOf(Set<ReportType> types) {
        return types.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /**
     * Whether a report of {@code type} may be disclosed under this consent on {@code day}; a
     * letter ({@code type} null) is no report type, so any consent to this recipient valid that day covers it.
     */
    public boolean permits(@Nullable ReportType type, LocalDate day) {
        return revokedAt == null && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo))
                && (type == null || scopeTypes().contains(type));
    }

    /** Where the consent stands on {@code day}, whatever it covers: what the front desk reads next to it. */
    public State stateOn(LocalDate day) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (day.isBefore(validFrom)) {
            return State.NOT_YET_VALID;
        }
        return validTo != null && day.isAfter(validTo) ? State.EXPIRED : State.VALID;
    }

    public enum State { VALID, NOT_YET_VALID, EXPIRED, REVOKED }
}
