package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Remembers which events each consumer applied, in the same transaction as the effect. */
@Singleton
public class Inbox {

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public Inbox(TransactionOperations<Connection> transactions, Clock clock) {
        this.clock = clock;
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
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new InboxUnavailableException(e);
        }
    }

    /**
     * The batch form of {@link #firstDelivery}, in two round trips whatever the batch's size: which of
     * the events this consumer applied before (one SELECT), then a row for each of the others (one
     * multi-row INSERT). Must run inside the transaction that applies them.
     *
     * <p>The INSERT is not IGNORE: if another member of the group recorded one of them meanwhile
     * (a partition moved during a rebalance), it fails, the batch rolls back, and the records are
     * applied one by one through {@link #firstDelivery}, which settles the race.
     *
     * @return the events seen for the first time, in their order; an id repeated within the batch counts once
     */
    public <P> List<InboundEvent<P>> firstDeliveries(String consumer, List<InboundEvent<P>> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Connection connection = transactions.getConnection();
        try {
            Set<String> seen = new HashSet<>();
            String marks = String.join(", ", Collections.nCopies(events.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_id FROM processed_event WHERE consumer = ? AND event_id IN (" + marks + ")")) {
                select.setString(1, consumer);
                for (int i = 0; i < events.size(); i++) {
                    select.setString(i + 2, events.get(i).id());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                }
            }
            List<InboundEvent<P>> fresh = new ArrayList<>();
            for (InboundEvent<P> event : events) {
                if (seen.add(event.id())) {
                    fresh.add(event);
                }
            }
            if (fresh.isEmpty()) {
                return fresh;
            }
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO processed_event (consumer, event_id, clinic_id, event_type, processed_at) VALUES "
                            + String.join(", ", Collections.nCopies(fresh.size(), "(?, ?, ?, ?, ?)")))) {
                int i = 1;
                for (InboundEvent<P> event : fresh) {
                    insert.setString(i++, consumer);
                    insert.setString(i++, event.id());
                    insert.setString(i++, event.clinicId());
                    insert.setString(i++, event.type());
                    insert.setTimestamp(i++, now);
                }
                insert.executeUpdate();
            }
            return fresh;
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
