package app.rapport.platform.testing;

import app.rapport.platform.testing.Retries.Answer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises of a POST that creates, with an Idempotency-Key (ADR 0009): a retry
 * gets the first answer and writes nothing; another body under the key is a 422; requests sent
 * together run once; another clinic's key is its own; a refusal is replayed as it was. A
 * service's test implements it with one of its own creating POSTs.
 */
public interface IdempotentRetriesContract {

    /** One creating POST of the service, ready to send for a clinic the test set up. */
    record Creation(String path, String authorization, String body, String anotherBody, String refusedBody,
                    LongSupplier created) {
    }

    /** A client of the running service (the test's own, when it has one injected). */
    default HttpClient http() {
        return ServiceClients.of(applicationContext());
    }

    /** The running service's context: the test's own {@code @Inject ApplicationContext}. */
    ApplicationContext applicationContext();

    /** A connection to the service's own database, outside any transaction (the test closes it). */
    default Connection database() throws SQLException {
        ApplicationContext context = applicationContext();
        // The resolver unwraps the transaction-aware proxy: this connection must commit on its own.
        return context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class)).getConnection();
    }

    /** The single number {@code sql} counts in the service's database. */
    default long count(String sql, Object... args) {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** How many events of {@code type} the clinic's changes put in the outbox: a retry must add none. */
    default long outboxEvents(String clinic, String type) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE clinic_id = ? AND type = ?", clinic, type);
    }

    /** Sets {@code clinic} up (a partner, a referral …) and describes the POST that creates in it. */
    Creation creation(String clinic) throws Exception;

    @Test
    default void aRetriedCreateGetsTheSameAnswerAndCreatesNothingMore() throws Exception {
        Creation c = creation(TestClinics.unique("retries"));
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http(), c.path(), c.authorization(), key, c.body());
        Answer retry = Retries.post(http(), c.path(), c.authorization(), key, c.body());

        assertThat(first.status()).as(first.body()).isBetween(200, 201);
        assertThat(first.replayed()).isFalse();
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.location()).isEqualTo(first.location());
        assertThat(c.created().getAsLong()).isEqualTo(1);
    }

    @Test
    default void theSameKeyWithAnotherBodyIs422NamingTheHeaderAndCreatesNothing() throws Exception {
        Creation c = creation(TestClinics.unique("retries"));
        String key = UUID.randomUUID().toString();
        Retries.post(http(), c.path(), c.authorization(), key, c.body());

        Answer reused = Retries.post(http(), c.path(), c.authorization(), key, c.anotherBody());

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).isEqualTo("application/problem+json");
        assertThat(reused.body()).contains("\"field\":\"Idempotency-Key\"");
        assertThat(c.created().getAsLong()).isEqualTo(1);
    }

    @Test
    default void requestsSentTogetherWithOneKeyCreateOnce() throws Exception {
        Creation c = creation(TestClinics.unique("retries"));
        String key = UUID.randomUUID().toString();

        List<Answer> answers = Retries.together(4, () -> Retries.post(http(), c.path(), c.authorization(), key, c.body()));

        assertThat(answers).extracting(Answer::status).isSubsetOf(200, 201, 409);
        assertThat(answers.stream().filter(a -> a.status() < 300).map(Answer::body).distinct())
                .as("every answer that got through is the one outcome").hasSize(1);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> assertThat(a.retryAfter()).isEqualTo("1"));
        assertThat(c.created().getAsLong()).isEqualTo(1);
    }

    @Test
    default void anotherClinicUsingTheSameKeyCreatesItsOwn() throws Exception {
        Creation here = creation(TestClinics.unique("retries"));
        Creation there = creation(TestClinics.unique("elsewhere"));
        String key = UUID.randomUUID().toString();

        Answer inHere = Retries.post(http(), here.path(), here.authorization(), key, here.body());
        Answer inThere = Retries.post(http(), there.path(), there.authorization(), key, there.body());

        assertThat(inThere.status()).as(inThere.body()).isEqualTo(inHere.status());
        assertThat(inThere.replayed()).isFalse();
        assertThat(inThere.body()).isNotEqualTo(inHere.body());
        assertThat(here.created().getAsLong()).isEqualTo(1);
        assertThat(there.created().getAsLong()).isEqualTo(1);
    }

    @Test
    default void aRetryOfARefusedRequestGetsTheSameRefusalAndCreatesNothing() throws Exception {
        Creation c = creation(TestClinics.unique("retries"));
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http(), c.path(), c.authorization(), key, c.refusedBody());
        Answer retry = Retries.post(http(), c.path(), c.authorization(), key, c.refusedBody());

        assertThat(first.status()).as(first.body()).isBetween(400, 422);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).isEqualTo("application/problem+json");
        assertThat(c.created().getAsLong()).isZero();
    }

    /**
     * The process died after the change committed and before its answer was stored, and the lease
     * ran out: a retry must not make the change again. Holds only when the change marks its key in
     * its own transaction (the outbox does, and so must every write that records no event).
     */
    @Test
    default void aChangeThatCommittedIsNeverMadeAgainWhenItsAnswerWasLost() throws Exception {
        String clinic = TestClinics.unique("retries");
        Creation c = creation(clinic);
        String key = UUID.randomUUID().toString();
        Answer first = Retries.post(http(), c.path(), c.authorization(), key, c.body());
        assertThat(first.status()).as(first.body()).isBetween(200, 201);
        try (Connection db = database(); PreparedStatement s = db.prepareStatement(
                "UPDATE idempotency_key SET completed_at = NULL, response_status = NULL, response_body = NULL,"
                        + " claimed_at = ? WHERE scope = ? AND idem_key = ? AND effect_committed = TRUE")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(2, ChronoUnit.MINUTES)));
            s.setString(2, clinic);
            s.setString(3, key);
            assertThat(s.executeUpdate()).as("the change marked its key in its own transaction").isEqualTo(1);
        }

        Answer retry = Retries.post(http(), c.path(), c.authorization(), key, c.body());

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).contains("idempotency-answer-lost");
        assertThat(c.created().getAsLong()).isEqualTo(1);
    }
}
