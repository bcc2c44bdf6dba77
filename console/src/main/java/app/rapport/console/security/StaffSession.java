package app.rapport.console.security;

/**
 * One request's signed-in person, the clinic they act in (their home clinic, or the one they
 * switched to in the header) and the token every form of the page must send back (CSRF).
 */
public record StaffSession(SignedInUser user, String clinic, String csrfToken) {

    public boolean has(String role) {
        return user.has(role);
    }

    public boolean severalClinics() {
        return user.clinics().size() > 1;
    }
}
