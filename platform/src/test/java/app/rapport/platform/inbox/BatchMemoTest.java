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
}
