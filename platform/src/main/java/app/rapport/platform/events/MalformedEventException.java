package app.rapport.platform.events;

/** A record that does not carry a valid CloudEvents envelope; it can never be processed. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
