package app.rapport.platform.web;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A 503 tells the client what it may assume: never "nothing was saved" when a commit may have happened. */
class UnavailableWordingTest {

    @Test
    void aWriteThatLostItsDatabaseMidwaySaysTheOutcomeIsUnknown() {
        String detail = ProblemErrorResponseProcessor.unavailableDetail(HttpMethod.POST,
                new RuntimeException(new SQLException("Communications link failure", "08S01")));
        assertThat(detail).contains("outcome is unknown").contains("same Idempotency-Key")
                .doesNotContain("nothing was saved");
    }

    @Test
    void aWriteThatNeverGotAConnectionSavedNothing() {
        String detail = ProblemErrorResponseProcessor.unavailableDetail(HttpMethod.POST,
                new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));
        assertThat(detail).contains("nothing was saved");
    }

    @Test
    void aReadSimplyAsksToTryAgain() {
        String detail = ProblemErrorResponseProcessor.unavailableDetail(HttpMethod.GET,
                new SQLException("Communications link failure", "08S01"));
        assertThat(detail).contains("Try again shortly").doesNotContain("saved");
    }
}
