package app.rapport.console.services;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs a page's independent service calls side by side on the I/O pool (not the common pool:
 * on two cores that has a single thread, and these calls mostly wait).
 */
@Singleton
public class Parallel {

    private final ExecutorService io;

    public Parallel(@Named(TaskExecutors.IO) ExecutorService io) {
        this.io = io;
    }

    public <T> CompletableFuture<T> start(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, io);
    }

    /**
     * The call's answer, or what it threw as itself (a {@link ServiceProblem}, an expired session)
     * rather than wrapped, so a page answers a 404 of its main record as if it had called directly.
     */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
