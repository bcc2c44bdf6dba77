package app.rapport.platform.idempotency;

import app.rapport.platform.web.ProblemException;
import jakarta.inject.Singleton;

/**
 * Marks, inside the transaction that changes something, that the request's Idempotency-Key has
 * an effect: the mark commits with the change or not at all. After a crash a retry then knows
 * whether the first attempt got as far as the commit, and never runs it a second time.
 */
@Singleton
public class IdempotentEffects {

    private final IdempotencyKeys keys;

    public IdempotentEffects(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /**
     * Called inside a transaction by every write that records an event (the outbox). Throws, rolling the change
     * back, when a retry has taken this request's claim over: only one of them may commit.
     */
    public void noteInCurrentTransaction() {
        IdempotentAttempt.current().ifPresent(claim -> {
            if (keys.markEffect(claim.id(), claim.attempt()) == 0) {
                throw ProblemException.conflict("A retry with the same Idempotency-Key has taken this request over")
                        .withHeader("Retry-After", "1");
            }
        });
    }
}
