package app.rapport.platform.inbox;

/** The event can never be applied, however often it is retried: it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
