package app.rapport.platform.inbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch reads a clinic's zone once; an HTTP request, outside any batch, reads it every time. */
class BatchMemoTest {

    private final AtomicInteger reads = new AtomicInteger();

    private String zoneOf(String clinic) {
        return BatchMemo.remember(List.of("zone", clinic), () -> {
            reads.incrementAndGet();
            return clinic.equals("tacoma") ? "America/Los_Angeles" : null;
        });
    }

    @Test
    void withinOneTransactionEachKeyIsReadOnceEvenWhenItFoundNothing() {
        BatchMemo.during(() -> {
            assertThat(zoneOf("tacoma")).isEqualTo("America/Los_Angeles");
            assertThat(zoneOf("tacoma")).isEqualTo("America/Los_Angeles");
            assertThat(zoneOf("unknown")).isNull();
            assertThat(zoneOf("unknown")).isNull();
            assertThat(BatchMemo.remember("partner", () -> Optional.empty())).isEmpty();
            return null;
        });
        assertThat(reads).hasValue(2);
    }

    @Test
    void theNextTransactionReadsAgainAndOutsideOneEveryCallReads() {
        BatchMemo.during(() -> zoneOf("tacoma"));
        BatchMemo.during(() -> zoneOf("tacoma"));
        zoneOf("tacoma");
        zoneOf("tacoma");
        assertThat(reads).hasValue(4);
    }

    /** What each flush wrote, one list per flush. */
    private final List<List<String>> flushed = new java.util.ArrayList<>();

    private void rowFor(String row) {
        BatchMemo.<List<String>>pending("rows", java.util.ArrayList::new, rows -> flushed.add(List.copyOf(rows)))
                .orElseThrow().add(row);
    }

    @Test
    void writesPendingInATransactionAreFlushedOnceWhenItsWorkIsDoneAndDroppedWhenItFails() {
        BatchMemo.during(() -> {
            rowFor("first");
            rowFor("second");
            assertThat(flushed).isEmpty();
            return null;
        });
        assertThat(flushed).containsExactly(List.of("first", "second"));

        flushed.clear();
        try {
            BatchMemo.during(() -> {
                rowFor("lost");
                throw new IllegalStateException("the batch failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back: its rows must not be written
        }
        assertThat(flushed).isEmpty();
    }

    @Test
    void outsideATransactionThereIsNoBufferAndTheCallerWritesNow() {
        assertThat(BatchMemo.pending("rows", java.util.ArrayList::new, rows -> { })).isEmpty();
    }
}
