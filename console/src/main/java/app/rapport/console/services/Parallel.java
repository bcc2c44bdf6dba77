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
}
