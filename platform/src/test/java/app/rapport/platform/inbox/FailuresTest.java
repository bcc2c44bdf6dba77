package app.rapport.platform.inbox;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLState and error-code table, for the shapes MySQL 8 sends that the embedded MariaDB of
 * the other tests spells differently (MySQL: 1366 as HY000, 1205 as HY000 or 40001).
 */
class FailuresTest {

    @Test
    void mysqlDataErrorsSentAsHy000AreDeterministic() {
        for (int code : new int[] {1366, 1292, 1406, 1264}) {
            SQLException e = new SQLException("data error", "HY000", code);
            assertThat(Failures.isDeterministic(wrapped(e))).as("HY000/%d", code).isTrue();
            assertThat(Failures.isTransient(wrapped(e))).as("HY000/%d", code).isFalse();
        }
    }

    @Test
    void integrityAndDataStatesAreDeterministic() {
        assertThat(Failures.isDeterministic(new SQLException("fk", "23000", 1452))).isTrue();
        assertThat(Failures.isDeterministic(new SQLException("too long", "22001", 0))).isTrue();
    }

    @Test
    void connectionLockWaitAndDeadlockAreTransient() {
        assertThat(Failures.isTransient(wrapped(new SQLException("lock wait", "HY000", 1205)))).isTrue();
        assertThat(Failures.isTransient(new SQLException("deadlock", "40001", 1213))).isTrue();
        assertThat(Failures.isTransient(new SQLException("link failure", "08S01", 0))).isTrue();
        assertThat(Failures.isTransient(new Inbox.InboxUnavailableException(new SQLException("gone", "08S01", 0)))).isTrue();
    }

    @Test
    void anotherHy000IsNeitherSoItGetsTheBoundedAttempts() {
        SQLException e = new SQLException("something else", "HY000", 1105);
        assertThat(Failures.isTransient(e)).isFalse();
        assertThat(Failures.isDeterministic(e)).isFalse();
    }

    @Test
    void theLogDescriptionCarriesStateAndCodeButNotTheMessage() {
        String described = Failures.describe(wrapped(new SQLException("Incorrect integer value: 'Elena'", "HY000", 1366)));
        assertThat(described).contains("HY000").contains("1366").doesNotContain("Elena");
    }

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("Recording failed", e);
    }
}
