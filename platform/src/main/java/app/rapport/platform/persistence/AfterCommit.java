package app.rapport.platform.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;

/**
 * Work that must not run before the current transaction's writes are visible to others: waking the
 * outbox relay for rows it could not yet read, forgetting a remembered copy that a concurrent reader
 * would otherwise read again, unchanged, and keep.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code work} once the current transaction commits (never if it rolls back), or now without one. */
    public static void run(TransactionOperations<?> transactions, Runnable work) {
        transactions.findTransactionStatus().ifPresentOrElse(status ->
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        work.run();
                    }
                }), work);
    }
}
