package app.rapport.platform.inbox;

import app.rapport.platform.events.MalformedEventException;
import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts a failure into: retry until it works, never retry, or retry a few times. */
public final class Failures {

    private Failures() {
    }

    /** The record itself is at fault; retrying cannot help. */
    public static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonEventException || t instanceof MalformedEventException) {
                return true;
            }
        }
        return false;
    }

    /** The database or broker is away for a while; the record is fine and must not be given up on. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof RetriableException || t instanceof Inbox.InboxUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
                        || sql.getSQLState().startsWith("HY"))) {
                return true; // connection failures, deadlocks/serialization, timeouts
            }
            String name = t.getClass().getName();
            if (name.endsWith("CannotCreateTransactionException") || name.endsWith("CannotGetJdbcConnectionException")
                    || name.contains("connection.exceptions.ConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
