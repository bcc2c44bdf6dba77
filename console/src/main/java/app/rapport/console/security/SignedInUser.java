package app.rapport.console.security;

import io.micronaut.security.authentication.Authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The person behind a console session, read from the session cookie's claims: who they are,
 * their home clinic, the other clinics the provider lists for them, their Rapport roles and the
 * provider's access token the console forwards to the services.
 */
public record SignedInUser(String username, String displayName, String homeClinic, List<String> clinics,
                           Set<String> roles, String accessToken) {

    public static final String CLINIC = "clinic";
    public static final String CLINICS = "clinics";
    public static final String DISPLAY_NAME = "name";
    public static final String ACCESS_TOKEN = "idp_access_token";

    /** The roles Rapport defines; the provider's own (offline_access, default-roles-…) are dropped. */
    public static final Set<String> RAPPORT_ROLES = Set.of("staff", "clinician", "group-admin", "ops");

    public static SignedInUser of(Authentication auth) {
        Map<String, Object> a = auth.getAttributes();
        String home = a.get(CLINIC) instanceof String s ? s : "";
        Set<String> clinics = new LinkedHashSet<>();
        if (!home.isEmpty()) {
            clinics.add(home);
        }
        if (a.get(CLINICS) instanceof Collection<?> c) {
            c.forEach(o -> clinics.add(String.valueOf(o)));
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String r : auth.getRoles()) {
            if (RAPPORT_ROLES.contains(r)) {
                roles.add(r);
            }
        }
        String name = a.get(DISPLAY_NAME) instanceof String n && !n.isBlank() ? n : auth.getName();
        String token = a.get(ACCESS_TOKEN) instanceof String t ? t : "";
        return new SignedInUser(auth.getName(), name, home, new ArrayList<>(clinics), Set.copyOf(roles), token);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The clinic this person acts in: the one chosen in the header, if the provider lists it. */
    public String actingClinic(String chosen) {
        return chosen != null && clinics.contains(chosen) ? chosen : homeClinic;
    }
}
