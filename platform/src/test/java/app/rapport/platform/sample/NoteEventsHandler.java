package app.rapport.platform.sample;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Applies sample events by recording them under the clinic the event header names. */
@Singleton
public class NoteEventsHandler implements EventHandler<NoteWritten> {

    /** A note whose text starts with this tells another topic it was applied, as a real handler's change would. */
    public static final String ECHO = "echo";

    private final TransactionOperations<Connection> transactions;
    private final Outbox outbox;
    /** Lets a test make the effect fail, e.g. to prove the inbox row rolls back with it. */
    public final AtomicReference<RuntimeException> failNext = new AtomicReference<>();
    /** How often each note's event was tried, so tests can count retries. */
    public final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public NoteEventsHandler(TransactionOperations<Connection> transactions, Outbox outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    @Override
    public String consumerName() {
        return "platform-test.notes";
    }

    @Override
    public Map<String, Class<? extends NoteWritten>> payloadTypes() {
        return Map.of(EventTypes.PRACTITIONER_REGISTERED, NoteWritten.class);
    }

    @Override
    public void apply(InboundEvent<NoteWritten> event) {
        NoteWritten note = event.payload();
        attempts.computeIfAbsent(note.noteId(), k -> new AtomicInteger()).incrementAndGet();
        failTheWayTheNoteAsks(note);
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
        if (note.text().startsWith(ECHO)) {
            // Keyed by the inbound event, so a test can count each event's echoes; on a topic this handler does not read.
            outbox.record(event.clinicId(), "NoteEcho", event.id(), EventTypes.OUTREACH_TASK_CREATED, note);
        }
        RuntimeException failure = failNext.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Real SQL that fails the way a real handler's can: a note whose text names a failure makes
     * the database raise it (strict mode), so the consumer's classification is tested end to end.
     */
    private void failTheWayTheNoteAsks(NoteWritten note) {
        String sql = switch (note.text()) {
            // 1406 Data too long (22001)
            case "fail:data-too-long" -> "INSERT INTO test_applied (clinic_id, note_id, event_id, text) VALUES ('c', 'n', 'e', REPEAT('x', 600))";
            // 1366 Incorrect integer value (MariaDB says 22007)
            case "fail:wrong-integer" -> "INSERT INTO test_applied (id, clinic_id, note_id, event_id, text) VALUES ('twelve', 'c', 'n', 'e', 't')";
            // The same error as MySQL raises it, as the catch-all HY000: the server signals exactly that
            case "fail:mysql-wrong-integer" -> "SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1366, MESSAGE_TEXT = 'Incorrect integer value'";
            // 1205 Lock wait timeout: the test holds the row's lock from another connection
            case "fail:lock-wait" -> "UPDATE test_note SET text = text WHERE id = '" + note.noteId() + "'";
            default -> null;
        };
        if (sql == null) {
            return;
        }
        try (Statement statement = transactions.getConnection().createStatement()) {
            statement.execute("SET SESSION innodb_lock_wait_timeout = 1");
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the note failed", e);
        }
    }
}
