package app.rapport.platform.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy's one rule: a snapshot lands only over an older one, and a surrogate key survives it. */
class LocalCopyTest {

    /** A copied row with a key of the copy's own, as referrals-service's partner table has. */
    record Row(Long seq, String name, long version) implements LocalCopy.Snapshot<Row> {
        @Override
        public Row replacing(Row stored) {
            return new Row(stored.seq(), name, version);
        }
    }

    /** Records what the generated repository would have been asked to write. */
    static class Recording implements LocalCopy<Row> {
        final List<String> writes = new ArrayList<>();

        @Override
        public Row save(Row snapshot) {
            writes.add("save " + snapshot);
            return snapshot;
        }

        @Override
        public Row update(Row snapshot) {
            writes.add("update " + snapshot);
            return snapshot;
        }
    }

    private final Recording copy = new Recording();

    @Test
    void aRecordNotYetCopiedIsAdded() {
        assertThat(copy.keepNewer(Optional.empty(), new Row(null, "Okafor", 1))).isEqualTo(LocalCopy.Outcome.ADDED);
        assertThat(copy.writes).containsExactly("save Row[seq=null, name=Okafor, version=1]");
    }

    @Test
    void aNewerSnapshotReplacesTheStoredOneUnderItsKey() {
        LocalCopy.Outcome outcome = copy.keepNewer(Optional.of(new Row(7L, "Okafor", 2)), new Row(null, "Okafor-Lind", 3));

        assertThat(outcome).isEqualTo(LocalCopy.Outcome.REPLACED);
        assertThat(outcome.changed()).isTrue();
        assertThat(copy.writes).containsExactly("update Row[seq=7, name=Okafor-Lind, version=3]");
    }

    @Test
    void theSameOrAnOlderVersionChangesNothing() {
        Optional<Row> stored = Optional.of(new Row(7L, "Okafor-Lind", 3));

        assertThat(copy.keepNewer(stored, new Row(null, "Okafor-Lind", 3))).isEqualTo(LocalCopy.Outcome.IGNORED);
        assertThat(copy.keepNewer(stored, new Row(null, "Okafor", 2)).changed()).isFalse();
        assertThat(copy.writes).isEmpty();
    }
}
