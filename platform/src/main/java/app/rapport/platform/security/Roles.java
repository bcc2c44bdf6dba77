package app.rapport.platform.security;

import java.util.Set;

/** The roles a Rapport token may carry in its {@code roles} claim. */
public final class Roles {
    /** Front-desk and office staff: referrals, tasks, directory. */
    public static final String STAFF = "staff";
    /** Treating practitioners: reports, consents, visits. */
    public static final String CLINICIAN = "clinician";
    /** May read roll-ups across the group's clinics. */
    public static final String GROUP_ADMIN = "group-admin";
    /** Operators: plugins, dead letters, health beyond the probes. */
    public static final String OPS = "ops";

    public static final Set<String> ALL = Set.of(STAFF, CLINICIAN, GROUP_ADMIN, OPS);

    private Roles() {
    }
}
