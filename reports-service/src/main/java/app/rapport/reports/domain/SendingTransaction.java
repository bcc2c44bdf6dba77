package app.rapport.reports.domain;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * One step of a send in a transaction of its own: {@link Sending} opens three around the delivery,
 * which itself runs in none. A bean, so the declared transaction applies to each call.
 */
@Singleton
public class SendingTransaction {

    @Transactional
    public <T> T call(Supplier<T> step) {
        return step.get();
    }

    @Transactional
    public void run(Runnable step) {
        step.run();
    }
}
