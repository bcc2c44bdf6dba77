package app.rapport.console.web;

import app.rapport.console.services.FormSubmission;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A form is submitted once, however often it is clicked or resent: each rendered form carries
 * a random {@code _form} id, and a second submission with the same id (a double-click, the
 * back button, a reload) waits for the first one and gets its outcome instead of running again.
 * Kept in memory for {@link #KEEP}; across console replicas or restarts the services hold it: each
 * POST of the submission carries an Idempotency-Key derived from the form id ({@link FormSubmission}).
 */
@Singleton
public class OnceOnly {

    public static final String FIELD = "_form";
    static final Duration KEEP = Duration.ofMinutes(30);

    private record Entry(CompletableFuture<String> outcome, Instant at) {
    }

    private final Map<String, Entry> submitted = new ConcurrentHashMap<>();

    /**
     * Runs {@code action} (which returns where the browser goes next) unless this person already
     * submitted this form; either way returns that location. A failed action is forgotten, so the
     * corrected form can be submitted again with the same id.
     */
    public String run(String user, String formId, Supplier<String> action) {
        if (formId == null || formId.isBlank()) {
            return action.get();
        }
        evictOld();
        String key = user + "\u0000" + formId;
        CompletableFuture<String> mine = new CompletableFuture<>();
        Entry existing = submitted.putIfAbsent(key, new Entry(mine, Instant.now()));
        if (existing != null) {
            try {
                return existing.outcome().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // The first attempt failed: this one may try.
                submitted.remove(key, existing);
                return run(user, formId, action);
            } catch (TimeoutException e) {
                throw new IllegalStateException("The first submission of this form is still running", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            String location = FormSubmission.during(user, formId, action);
            mine.complete(location);
            return location;
        } catch (RuntimeException e) {
            submitted.remove(key);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private void evictOld() {
        Instant cutoff = Instant.now().minus(KEEP);
        submitted.entrySet().removeIf(e -> e.getValue().at().isBefore(cutoff));
    }
}
