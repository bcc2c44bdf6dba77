package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * Who signs a thank-you letter or e-mail: the clinician who treats the referred patient when the
 * task came from a referral (ReferralReceived's treatingPractitioner), else the clinic.
 */
public record Signature(@Nullable String clinicianName, @Nullable String credentials, String clinicName) {

    public static Signature ofClinic(String clinicName) {
        return new Signature(null, null, clinicName);
    }

    public boolean byClinician() {
        return clinicianName != null && !clinicianName.isBlank();
    }

    /** "Jordan Reyes, DC\nHarbor Integrative Health", or "Your colleagues at Harbor Integrative Health". */
    public String block() {
        if (!byClinician()) {
            return "Your colleagues at " + clinicName;
        }
        String name = credentials == null || credentials.isBlank() ? clinicianName : clinicianName + ", " + credentials;
        return ClinicProfile.UNNAMED.equals(clinicName) ? name : name + "\n" + clinicName;
    }
}
