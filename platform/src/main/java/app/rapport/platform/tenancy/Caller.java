package app.rapport.platform.tenancy;

import java.util.Set;

/**
 * Who is calling: the clinic named by the token's {@code clinic} claim, the user and their roles.
 * Controllers take it as a parameter and pass {@link #clinicId()} to every repository call, so
 * no query can run without a clinic.
 */
public record Caller(String clinicId, String user, Set<String> roles) {

    public Caller {
        ClinicIds.requireValid(clinicId);
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
