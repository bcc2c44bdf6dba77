package app.rapport.platform.persistence;

import java.util.Optional;

/**
 * A service's copy of records another service owns and announces as versioned snapshots: the
 * partner directory (contacts.practitioners.v1) and each clinic's profile. One record's events
 * arrive in order, but a redelivery, a replay or a late partition can bring an older snapshot
 * back, so a copy keeps the highest version it has seen and ignores the rest.
 *
 * <p>Each service's repository for such a copy extends this interface next to
 * {@code GenericRepository}: Micronaut Data generates {@code save} and {@code update} for the
 * entity, the repository declares the {@code FOR UPDATE} read of the stored row (its key differs
 * per table), and the rule itself lives here, once:
 * <pre>{@code
 * partners.keepNewer(partners.lock(clinicId, practitionerId), snapshot)
 * }</pre>
 * The lock covers the row, or the gap where it would go, so two snapshots of one record applied at
 * once (two consumer members during a rebalance) are decided one after the other.
 *
 * @param <S> the stored snapshot: an entity that knows its version
 */
public interface LocalCopy<S extends LocalCopy.Snapshot<S>> {

    /** A copied record: its version decides which of two snapshots is newer. */
    interface Snapshot<S> {

        long version();

        /**
         * This snapshot ready to replace {@code stored}: an entity with a surrogate key of the
         * copy's own (not part of the event) carries the stored row's key over.
         */
        @SuppressWarnings("unchecked")
        default S replacing(S stored) {
            return (S) this;
        }
    }

    /** What {@link #keepNewer} did with a snapshot. */
    enum Outcome {
        /** The record was not in the copy yet. */
        ADDED,
        /** The snapshot was newer than the stored one and replaced it. */
        REPLACED,
        /** The copy already holds this version or a newer one: a replay or a late delivery. */
        IGNORED;

        public boolean changed() {
            return this != IGNORED;
        }
    }

    S save(S snapshot);

    S update(S snapshot);

    /**
     * Stores {@code snapshot} unless the copy already holds its version or a newer one.
     *
     * @param stored the stored row as the repository's {@code FOR UPDATE} read returned it, inside
     *               the same transaction
     */
    default Outcome keepNewer(Optional<S> stored, S snapshot) {
        if (stored.isEmpty()) {
            save(snapshot);
            return Outcome.ADDED;
        }
        if (stored.get().version() >= snapshot.version()) {
            return Outcome.IGNORED;
        }
        update(snapshot.replacing(stored.get()));
        return Outcome.REPLACED;
    }
}
