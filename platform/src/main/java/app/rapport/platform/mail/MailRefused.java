package app.rapport.platform.mail;

/**
 * The mail server did not take the message, and we know it: no connection, STARTTLS not offered,
 * the login or a recipient refused, a negative reply. Nothing left; the caller may undo its claim.
 */
public class MailRefused extends RuntimeException {

    public MailRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
