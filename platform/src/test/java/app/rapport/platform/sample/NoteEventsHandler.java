package app.rapport.platform.sample;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Applies sample events by recording them under the clinic the event header names. */
@Singleton
public class NoteEventsHandler implements EventHandler {

    private final EventPayloads payloads;
    private final TransactionOperations<Connection> transactions;
    /** Lets a test make the effect fail, e.g. to prove the inbox row rolls back with it. */
    public final AtomicReference<RuntimeException> failNext = new AtomicReference<>();

    public NoteEventsHandler(EventPayloads payloads, TransactionOperations<Connection> transactions) {
        this.payloads = payloads;
        this.transactions = transactions;
    }

    @Override
    public String consumerName() {
        return "platform-test.notes";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.PRACTITIONER_REGISTERED);
    }

    @Override
    public void apply(EventEnvelope event) {
        NoteWritten note = payloads.read(event, NoteWritten.class);
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(
                "INSERT INTO test_applied (clinic_id, note_id, event_id, text) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, event.clinicId());
            insert.setString(2, note.noteId());
            insert.setString(3, event.id());
            insert.setString(4, note.text());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        RuntimeException failure = failNext.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }
}
