package app.rapport.platform.mail;

/**
 * The connection broke or timed out while the message was on its way: the server may have
 * accepted it. The caller must not pretend it was not sent (nor that it was).
 */
public class MailOutcomeUnknown extends RuntimeException {

    public MailOutcomeUnknown(String message, Throwable cause) {
        super(message, cause);
    }
}
