package app.rapport.outreach.plugin;

/** The channel could not carry the task out (e.g. the mail server refused); answered with 502. */
public class DeliveryFailedException extends RuntimeException {
    public DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
