package app.rapport.reports.domain;

import java.util.Optional;

/** The clinic's profile as contacts-service last published it, for letterheads (the repository keeps it). */
public interface ClinicProfiles {

    Optional<ClinicProfile> find(String clinicId);
}
