package app.rapport.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the person running the bench relies on: the hand-written analysis survives a run, and the flags read as documented. */
class ResultsTest {

    @Test
    void aRunReplacesOnlyTheSectionBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nWhy ingest misses: the profile shows …\n\n" + Results.BEGIN
                + "\nold figures\n" + Results.END + "\n\n## The 1M run\n\nkept\n");

        Results.writeInto(doc, Results.BEGIN + "\nnew figures\n" + Results.END + "\n");

        String after = Files.readString(doc);
        assertTrue(after.contains("Why ingest misses: the profile shows …"));
        assertTrue(after.contains("new figures"));
        assertFalse(after.contains("old figures"));
        assertTrue(after.endsWith("## The 1M run\n\nkept\n"));
    }

    @Test
    void theMillionRowRunIsOneFlagAway() {
        assertEquals(List.of(1_000_000), BenchOptions.parse(new String[]{"--growth", "1M"}).growth);
        assertEquals(List.of(10_000, 100_000), BenchOptions.parse(new String[0]).growth);
        assertEquals(List.of(), BenchOptions.parse(new String[]{"--growth", "0"}).growth);
    }

    @Test
    void aMistypedFlagIsRefusedRatherThanIgnored() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"--backlgo", "10"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"--profile", "sometimes"}));
    }

    @Test
    void latenciesReportTheWorstCaseAsMax() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 100; i++) {
            l.add(i * 1_000_000L);
        }
        assertEquals(50.0, l.p50());
        assertEquals(99.0, l.p99());
        assertEquals(100.0, l.max());
    }
}
