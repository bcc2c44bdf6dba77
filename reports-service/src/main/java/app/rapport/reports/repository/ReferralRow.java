package app.rapport.reports.repository;

import app.rapport.reports.domain.ReferralRecord;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A referral with who its patient is and why it was referred (referral joined with referral_patient). */
@Introspected
public record ReferralRow(String clinicId, String id, String direction, String kind, String practitionerId,
                          String status, LocalDate referredOn, @Nullable String reason,
                          @Nullable String requestedService, @Nullable String diagnosisCodes,
                          @Nullable String primaryCareId, @Nullable String treatingName,
                          @Nullable String treatingCredentials, @Nullable String patientReference,
                          @Nullable String patientFirstName, @Nullable String patientLastName,
                          @Nullable LocalDate patientBirthDate) {

    /** The diagnosis codes are one comma-separated column. */
    public ReferralRecord toRecord() {
        List<String> codes = diagnosisCodes == null || diagnosisCodes.isBlank() ? List.of()
                : Arrays.asList(diagnosisCodes.split(","));
        return new ReferralRecord(clinicId, id, direction, kind, practitionerId, status, referredOn, reason,
                requestedService, codes, primaryCareId, treatingName, treatingCredentials, patientReference,
                patientFirstName, patientLastName, patientBirthDate);
    }

    @Override
    public String toString() {
        return "ReferralRow[" + clinicId + "/" + id + " " + direction + " " + status + "]";
    }
}
