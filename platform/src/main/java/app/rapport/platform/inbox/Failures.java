package app.rapport.platform.inbox;

import app.rapport.platform.events.MalformedEventException;
import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts a failure into: retry until it works (transient), never retry (poison), or retry a few
 * times and then dead-letter (deterministic or unexpected).
 *
 * <p>A database error is judged by its SQLState and MySQL/MariaDB error code, not by the JDBC
 * exception class alone: MySQL reports several data errors as the catch-all {@code HY000}, and
 * retrying a value that does not fit its column would block the partition for ever.
 */
public final class Failures {

    /** Connection lost, server gone, lock wait timeout, deadlock, query interrupted by a timeout. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1053, 1205, 1213, 1317, 2002, 2003, 2006, 2013, 3024);
    /** Data errors MySQL sends as HY000 or 22xxx: a wrong value, a bad date, too long, out of range. */
    private static final Set<Integer> DETERMINISTIC_CODES = Set.of(1048, 1062, 1264, 1265, 1292, 1366, 1406, 1451, 1452,
            1054, 1146, 3819);

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
        return kind(e) == Kind.TRANSIENT;
    }

    /** The same statement will fail the same way on every attempt (bad data, integrity, schema). */
    public static boolean isDeterministic(Throwable e) {
        return kind(e) == Kind.DETERMINISTIC;
    }

    /**
     * The failure's class and, for a database error, its SQLState and error code: enough to tell
     * failures apart in a log line without the message, which may quote a value from the event.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return e.getClass().getName() + " (SQLState " + sql.getSQLState() + ", error " + sql.getErrorCode() + ")";
            }
        }
        return e.getClass().getName();
    }

    private enum Kind { TRANSIENT, DETERMINISTIC, UNKNOWN }

    private static Kind kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Inbox.InboxUnavailableException) {
                return Kind.TRANSIENT; // the inbox row is an INSERT IGNORE: only an unreachable database fails it
            }
            if (t instanceof SQLException sql) {
                Kind byCode = ofSql(sql);
                if (byCode != Kind.UNKNOWN) {
                    return byCode;
                }
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof RetriableException) {
                return Kind.TRANSIENT;
            }
            String name = t.getClass().getName();
            if (name.endsWith("CannotCreateTransactionException") || name.endsWith("CannotGetJdbcConnectionException")
                    || name.contains("connection.exceptions.ConnectionException")) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNKNOWN;
    }

    private static Kind ofSql(SQLException sql) {
        int code = sql.getErrorCode();
        if (TRANSIENT_CODES.contains(code)) {
            return Kind.TRANSIENT;
        }
        if (DETERMINISTIC_CODES.contains(code)) {
            return Kind.DETERMINISTIC;
        }
        String state = sql.getSQLState();
        if (state == null) {
            return Kind.UNKNOWN;
        }
        if (state.startsWith("08") || state.equals("40001") || state.startsWith("HYT")) {
            return Kind.TRANSIENT; // connection exceptions, serialization failure/deadlock, timeouts
        }
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("42")) {
            return Kind.DETERMINISTIC; // data exceptions, integrity violations, syntax or unknown column
        }
        return Kind.UNKNOWN; // HY000 with another code: not known to heal, so retried a bounded number of times
    }
}
