package app.rapport.platform.idempotency;

import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;

/**
 * The claim the current request holds on its Idempotency-Key: the row's id and the attempt
 * number that fences off a request whose claim was taken over.
 */
record IdempotentAttempt(String id, int attempt) {

    static final String ATTRIBUTE = "rapport.idempotency.attempt";

    /** The claim of the HTTP request this thread serves, if it sent an Idempotency-Key. */
    static Optional<IdempotentAttempt> current() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ATTRIBUTE, IdempotentAttempt.class));
    }
}
