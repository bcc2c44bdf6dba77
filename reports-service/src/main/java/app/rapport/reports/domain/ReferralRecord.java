package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What this service keeps of a referral. For a received one: the patient the report is about
 * (reference, name, birth date: never logged) and what the cover letter quotes.
 */
public record ReferralRecord(String clinicId, String id, String direction, String kind, String practitionerId,
                             String status, LocalDate referredOn, @Nullable String reason,
                             @Nullable String requestedService, List<String> diagnosisCodes,
                             @Nullable String primaryCareId, @Nullable String treatingName,
                             @Nullable String treatingCredentials, @Nullable String patientReference,
                             @Nullable String patientFirstName, @Nullable String patientLastName,
                             @Nullable LocalDate patientBirthDate) {

    @Override
    public String toString() {
        // Keeps the patient's name and birth date out of any log line that prints a referral.
        return "ReferralRecord[" + clinicId + "/" + id + " " + direction + " " + status + "]";
    }
}
