package app.rapport.platform.testing;

import app.rapport.platform.idempotency.IdempotencyFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Sends POSTs as a retrying client would (with an Idempotency-Key) and counts what they wrote. */
public final class Retries {

    public static final String KEY_HEADER = IdempotencyFilter.HEADER;
    public static final String REPLAYED_HEADER = IdempotencyFilter.REPLAYED;

    private Retries() {
    }

    /** What the client saw: status, body as text, content type, whether it was a replay, Retry-After. */
    public record Answer(int status, String body, String contentType, boolean replayed, @Nullable String retryAfter,
                         @Nullable String location) {
    }

    /** POSTs {@code jsonBody} with {@code authorization} (may be null) and {@code key} (may be null). */
    public static Answer post(HttpClient http, String path, @Nullable String authorization, @Nullable String key,
                              @Nullable String jsonBody) {
        return post(http, path, authorization, key, jsonBody, "application/json");
    }

    public static Answer post(HttpClient http, String path, @Nullable String authorization, @Nullable String key,
                              @Nullable String body, String contentType) {
        MutableHttpRequest<?> request = HttpRequest.POST(path, body == null ? "" : body).contentType(contentType);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (key != null) {
            request.header(KEY_HEADER, key);
        }
        try {
            return answer(http.toBlocking().exchange(request, String.class), null);
        } catch (HttpClientResponseException e) {
            return answer(e.getResponse(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private static Answer answer(HttpResponse<?> response, @Nullable String errorBody) {
        String body = errorBody != null ? errorBody : response.getBody(String.class).orElse("");
        return new Answer(response.code(), body, response.getContentType().map(Object::toString).orElse(""),
                "true".equals(response.header(REPLAYED_HEADER)), response.header("Retry-After"),
                response.header("Location"));
    }

    /** Runs {@code clients} copies of {@code request} released at the same instant; their answers. */
    public static List<Answer> together(int clients, Supplier<Answer> request) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return request.get();
                }, pool));
            }
            start.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
