package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Remembers which events each consumer applied, in the same transaction as the effect. */
@Singleton
public class Inbox {

    private final TransactionOperations<Connection> transactions;

    public Inbox(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * Must run inside the transaction that applies the event.
     *
     * @return true the first time this consumer sees this event id; false for a redelivery
     */
    public boolean firstDelivery(String consumer, EventEnvelope event) {
        // INSERT IGNORE rather than catching a duplicate-key error: the error would mark the
        // transaction rollback-only on some drivers, and a redelivery is the normal case here.
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(
                "INSERT IGNORE INTO processed_event (consumer, event_id, clinic_id, event_type, processed_at) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.clinicId());
            insert.setString(4, event.type());
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new InboxUnavailableException(e);
        }
    }

    /** The database could not record the delivery; always worth retrying. */
    public static class InboxUnavailableException extends RuntimeException {
        InboxUnavailableException(SQLException cause) {
            super(cause);
        }
    }
}
