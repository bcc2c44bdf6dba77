package app.rapport.console.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person who signs in to the console: what they type at the provider's sign-in page (their
 * username, and the claims the group's real provider would put in their token).
 *
 * @param username    typed in the username field; becomes {@code sub} and {@code preferred_username}
 * @param name        display name ({@code name} claim)
 * @param clinic      the clinic they act in ({@code clinic} claim)
 * @param roles       {@code staff}, {@code clinician}, {@code group-admin}, {@code ops}
 * @param clinics     the other clinics they may switch to ({@code clinics} claim; usually empty)
 */
public record StaffMember(String username, String name, String clinic, List<String> roles, List<String> clinics) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StaffMember {
        roles = List.copyOf(roles);
        clinics = List.copyOf(clinics);
    }

    /** Someone working in one clinic, e.g. {@code StaffMember.of("frontdesk", "seattle-downtown", "staff")}. */
    public static StaffMember of(String username, String clinic, String... roles) {
        return new StaffMember(username, capitalized(username), clinic, List.of(roles), List.of());
    }

    /** The same person, also listed in {@code otherClinics} (the console's clinic switcher). */
    public StaffMember alsoIn(String... otherClinics) {
        return new StaffMember(username, name, clinic, roles, List.of(otherClinics));
    }

    public StaffMember named(String displayName) {
        return new StaffMember(username, displayName, clinic, roles, clinics);
    }

    /** The claims as the provider puts them in the tokens. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", username);
        claims.put("name", name);
        claims.put("clinic", clinic);
        claims.put("clinics", clinics);
        claims.put("roles", roles);
        return claims;
    }

    /** What a person pastes into the claims box of the sign-in page. */
    public String claimsJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
