package app.rapport.console.services;

/** A service refused the person's token (expired or revoked at the provider): sign in again. */
public class SessionExpired extends RuntimeException {
    public SessionExpired() {
        super("The identity provider's token is no longer accepted");
    }
}
