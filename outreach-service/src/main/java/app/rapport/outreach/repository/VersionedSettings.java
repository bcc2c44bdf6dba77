package app.rapport.outreach.repository;

import java.util.OptionalLong;

/**
 * One of a clinic's own settings rows (its wording of a message, its weekly goal), written under a
 * person's If-Match: every write bumps the row's {@code version}, and a write made on a stale read
 * lands nowhere. The repository of each such table declares the three statements; the choice
 * between them lives here, once.
 */
public interface VersionedSettings {

    /**
     * @param expected the version the person saw: none = write whatever is there (insert or bump),
     *                 0 = only while the clinic has saved none, N = only over version N
     * @return false when the row holds another version than expected: nothing was written
     */
    static boolean write(OptionalLong expected, Write upsert, Write insertIfAbsent, WriteOver updateOver) {
        if (expected.isEmpty()) {
            return upsert.rows() > 0;
        }
        if (expected.getAsLong() == 0) {
            return insertIfAbsent.rows() == 1;
        }
        return updateOver.rows(expected.getAsLong()) == 1;
    }

    /** A statement; returns the rows it changed. */
    @FunctionalInterface
    interface Write {
        long rows();
    }

    /** A statement that applies only over the given version; returns the rows it changed. */
    @FunctionalInterface
    interface WriteOver {
        long rows(long version);
    }
}
