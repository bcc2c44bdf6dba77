package app.rapport.console.web;

import app.rapport.console.services.Parallel;
import app.rapport.console.services.ServiceProblem;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One block of a composed page, loaded on its own: if the service behind it refuses (a role
 * that may not see it) or is down, that block says so and the rest of the page still shows.
 */
public record Section<T>(T value, String unavailable) {

    public static <T> Section<T> load(Supplier<T> loader) {
        try {
            return new Section<>(loader.get(), "");
        } catch (ServiceProblem e) {
            return refused(e);
        }
    }

    /**
     * The same, for a block about a record another service learns of through an event: its 404
     * means "not heard of yet" (a referral recorded a second ago), so the block shows
     * {@code notYetKnown} (its empty state) rather than the service's "does not exist".
     */
    public static <T> Section<T> load(Supplier<T> loader, T notYetKnown) {
        try {
            return new Section<>(loader.get(), "");
        } catch (ServiceProblem e) {
            return e.status() == 404 ? new Section<>(notYetKnown, "") : refused(e);
        }
    }

    private static <T> Section<T> refused(ServiceProblem e) {
        if (e.forbidden()) {
            return new Section<>(null, "Not shown for your role.");
        }
        if (e.status() >= 500) {
            return new Section<>(null, e.problem().str("service", "A service") + " is not answering right now; this part of the page will be back when it is.");
        }
        return new Section<>(null, e.summary());
    }

    /** The same, on the I/O pool, so that a page's blocks load side by side. */
    public static <T> CompletableFuture<Section<T>> start(Parallel parallel, Supplier<T> loader) {
        return parallel.start(() -> load(loader));
    }

    /** {@link #load(Supplier, Object)} on the I/O pool. */
    public static <T> CompletableFuture<Section<T>> start(Parallel parallel, Supplier<T> loader, T notYetKnown) {
        return parallel.start(() -> load(loader, notYetKnown));
    }

    public boolean ok() {
        return unavailable.isEmpty();
    }
}
