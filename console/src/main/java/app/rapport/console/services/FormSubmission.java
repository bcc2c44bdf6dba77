package app.rapport.console.services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Idempotency-Key of each POST a form's submission makes, derived from the form's one-time id,
 * so a submission the console resends (a double-click, a reload, another console replica) gets
 * the services' first answer instead of acting twice. The body is part of the key: a form sent
 * again after the person corrected it is a new request, not a reuse of the old key.
 */
public final class FormSubmission {

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private static final class Current {
        final String seed;
        int calls;

        Current(String seed) {
            this.seed = seed;
        }
    }

    private FormSubmission() {
    }

    /** Runs {@code action}, the service calls of one submission of form {@code formId} by {@code who}. */
    public static <T> T during(String who, String formId, Supplier<T> action) {
        Current outer = CURRENT.get();
        CURRENT.set(new Current(who + "\n" + formId));
        try {
            return action.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The key for the next POST of the submission running on this thread; none outside a submission. */
    static Optional<String> nextKey(String method, String path, byte[] body) {
        Current current = CURRENT.get();
        if (current == null) {
            return Optional.empty();
        }
        // Numbered, so two POSTs of one submission to the same endpoint never share a key.
        int call = current.calls++;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((current.seed + "\n" + call + "\n" + method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return Optional.of("form-" + HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
