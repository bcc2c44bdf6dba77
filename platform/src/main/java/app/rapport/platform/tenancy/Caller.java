package app.rapport.platform.tenancy;

import java.security.Principal;
import java.util.Set;

/**
 * Who is calling: the clinic named by the token's {@code clinic} claim, the user and their roles.
 * Controllers take it as a parameter and pass {@link #clinicId()} to every repository call, so
 * no query can run without a clinic.
 *
 * <p>A {@link Principal}: bound from the bearer token, never sent as a value, and so left out of
 * the OpenAPI documents, which would otherwise list a required {@code caller} query parameter.
 */
public record Caller(String clinicId, String user, Set<String> roles) implements Principal {

    public Caller {
        ClinicIds.requireValid(clinicId);
        roles = Set.copyOf(roles);
    }

    /** The token's subject. */
    @Override
    public String getName() {
        return user;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
