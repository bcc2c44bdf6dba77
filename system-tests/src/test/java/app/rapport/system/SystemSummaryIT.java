package app.rapport.system;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last: prints one line per group and fails if a group proved nothing. */
@Order(Integer.MAX_VALUE)
class SystemSummaryIT {

    @Test
    void everyGroupProvedSomething() throws Exception {
        String summary = Tally.summary();
        System.out.print(summary);
        Tally.write(Path.of("target/system-test-summary.txt"));
        assertThat(summary).doesNotContain("SYSTEM TESTS: 0 ");
    }
}
