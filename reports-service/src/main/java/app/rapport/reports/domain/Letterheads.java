package app.rapport.reports.domain;

import app.rapport.reports.repository.ClinicProfileRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes a letter or report speak for the clinic: its letterhead (from the clinic profile),
 * the date it is dated (the day it is sent, in the clinic's zone) and the signature block of the
 * treating clinician. Renderers and the e-mail text both take them from here.
 */
@Singleton
public class Letterheads {

    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final ClinicProfileRepository profiles;
    private final ClinicCalendar calendar;

    public Letterheads(ClinicProfileRepository profiles, ClinicCalendar calendar) {
        this.profiles = profiles;
        this.calendar = calendar;
    }

    /** Empty until contacts-service told us the clinic's profile. */
    public Optional<ClinicProfile> of(String clinicId) {
        return profiles.find(clinicId);
    }

    /** The day it was sent, in the clinic's zone; not sent yet (a preview, or being sent now): today there. */
    public LocalDate datedOn(String clinicId, @Nullable Instant sentAt) {
        return sentAt == null ? calendar.today(clinicId) : calendar.dayOf(clinicId, sentAt);
    }

    /**
     * The lines under "Sincerely,": the treating clinician's name and credentials, then the clinic.
     * A referral that named no treating clinician is signed by the clinic itself, never by a
     * placeholder such as "The treating clinician".
     */
    public static List<String> signature(ReferralRecord referral, @Nullable ClinicProfile clinic) {
        List<String> lines = new ArrayList<>();
        if (referral.treatingName() != null && !referral.treatingName().isBlank()) {
            lines.add(referral.treatingName() + (referral.treatingCredentials() == null
                    || referral.treatingCredentials().isBlank() ? "" : ", " + referral.treatingCredentials()));
        }
        lines.add(clinic != null ? clinic.clinicName() : referral.clinicId());
        return lines;
    }

    /** The letterhead as plain text for an e-mail: the clinic's name, then its address and numbers. */
    public static String textBlock(@Nullable ClinicProfile clinic) {
        if (clinic == null) {
            return "";
        }
        return clinic.clinicName() + "\n" + String.join("\n", clinic.letterheadLines()) + "\n";
    }
}
