package app.rapport.contacts.domain;

import app.rapport.contacts.repository.PractitionerRepository;
import app.rapport.platform.domain.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Writes the cover letter for a partner of the clinic, dated today where the clinic is. */
@Singleton
public class CoverLetters {

    private final ClinicProfiles profiles;
    private final PractitionerRepository practitioners;
    private final Clock clock;

    public CoverLetters(ClinicProfiles profiles, PractitionerRepository practitioners, Clock clock) {
        this.profiles = profiles;
        this.practitioners = practitioners;
        this.clock = clock;
    }

    public CoverLetter write(String clinicId, @Nullable String practitionerId, @Nullable String signerName,
                             @Nullable String signerCredentials) {
        if (practitionerId == null || practitionerId.isBlank()) {
            throw DomainException.invalidField("practitionerId", "must name the partner the letter is for");
        }
        if (signerName == null || signerName.isBlank()) {
            throw DomainException.invalidField("signerName", "must name the clinician who signs the letter");
        }
        if (signerName.length() > 200) {
            throw DomainException.invalidField("signerName", "must be at most 200 characters");
        }
        if (signerCredentials != null && signerCredentials.length() > 100) {
            throw DomainException.invalidField("signerCredentials", "must be at most 100 characters");
        }
        Practitioner partner = practitioners.findByIdAndClinicId(practitionerId, clinicId)
                .filter(p -> !p.isArchived()) // an archived partner gets no mail until restored
                .orElseThrow(() -> DomainException.notFound("Practitioner", practitionerId));
        ClinicProfile profile = profiles.read(clinicId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(profile.timeZone())));
        return CoverLetter.of(profile, partner, today, signerName, signerCredentials);
    }
}
