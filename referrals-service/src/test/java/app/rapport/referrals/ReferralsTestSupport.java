package app.rapport.referrals;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestTokens;
import app.rapport.platform.web.Problem;
import app.rapport.referrals.domain.Partner;
import app.rapport.referrals.repository.PartnerRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the referrals-service integration tests share: HTTP as a client sees it, Kafka, the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReferralsTestSupport implements TestPropertyProvider {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    protected HttpClient http;
    @Inject
    protected JsonMapper json;
    @Inject
    protected PartnerRepository partners;
    @Inject
    protected DataSource dataSource;
    @Inject
    protected DataSourceResolver dataSourceResolver;
    @Inject
    protected TestClock clock;
    @Value("${rapport.referrals.time-zone}")
    protected String defaultTimeZone;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("referrals"));
        props.putAll(extraProperties());
        return props;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** A partner in the clinic's directory copy, as the directory consumer would have left it. */
    protected String partner(String clinic, boolean archived) {
        return partner(clinic, "Maya", "Okafor", archived);
    }

    protected String partner(String clinic, String firstName, String lastName, boolean archived) {
        String id = UUID.randomUUID().toString();
        partners.save(new Partner(null, clinic, id, firstName, lastName, "MD, FACOG", "OB_GYN",
                "Lakeview Women's Health", archived, 1, Instant.now()));
        return id;
    }

    protected Map<String, Object> newReferral(String direction, String practitionerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("direction", direction);
        body.put("practitionerId", practitionerId);
        body.put("patient", new HashMap<>(Map.of("firstName", "Elena", "lastName", "Marsh",
                "birthDate", "1991-04-17", "phone", "+12065550100")));
        body.put("reason", "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
        return body;
    }

    protected Map<String, Object> post(String path, Object body, String bearer) {
        return call(HttpRequest.POST(path, body), bearer);
    }

    protected Map<String, Object> get(String path, String bearer) {
        return call(HttpRequest.GET(path), bearer);
    }

    protected Map<String, Object> call(MutableHttpRequest<?> request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
        return read(response.body());
    }

    protected Map<String, Object> read(String body) {
        try {
            return json.readValue(body.getBytes(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request expecting a problem; checks the problem+json envelope and returns the body. */
    protected Map<String, Object> problem(MutableHttpRequest<?> request, String bearer, int status) {
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        try {
            HttpResponse<String> ok = http.toBlocking().exchange(request, String.class);
            throw new AssertionError("Expected " + status + " but got " + ok.getStatus().getCode() + ": " + ok.body());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).as(e.getResponse().getBody(String.class).orElse("")).isEqualTo(status);
            assertThat(e.getResponse().getContentType().map(MediaType::toString)).hasValue(Problem.MEDIA_TYPE);
            Map<String, Object> problem = read(e.getResponse().getBody(String.class).orElseThrow());
            assertThat(problem.get("status")).isEqualTo(status);
            return problem;
        }
    }

    protected static String staff(String clinic) {
        return TestTokens.bearer(clinic, "staff");
    }

    /** The events on referrals.referrals.v1 keyed by this referral, waiting until {@code count} are there. */
    protected List<EventEnvelope> referralEvents(String referralId, int count) {
        return events(Topics.REFERRALS, referralId, count);
    }

    /** What referrals.patients.v1 (reports-service's alone) holds about one referral. */
    protected List<EventEnvelope> patientEvents(String referralId, int count) {
        return events(Topics.PATIENTS, referralId, count);
    }

    private List<EventEnvelope> events(String topic, String referralId, int count) {
        List<EventEnvelope> events = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            events.clear();
            for (ConsumerRecord<String, byte[]> r : KafkaProbe.records(topic, r -> referralId.equals(r.key()))) {
                events.add(EventEnvelope.fromRecord(r));
            }
            return events.size() >= count;
        });
        return events;
    }

    protected Map<String, Object> transition(String clinic, String id, String to, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("to", to);
        if (reason != null) {
            body.put("reason", reason);
        }
        return post("/api/v1/referrals/" + id + "/transitions", body, staff(clinic));
    }

    /** A received referral accepted at {@code acceptedAt} (staff pressing "accept" then) and scheduled. */
    protected String scheduledAfterAcceptingAt(String clinic, Map<String, Object> body, Instant acceptedAt) {
        String id = (String) post("/api/v1/referrals", body, staff(clinic)).get("id");
        clock.set(acceptedAt);
        try {
            transition(clinic, id, "ACCEPTED", null);
        } finally {
            clock.reset();
        }
        transition(clinic, id, "SCHEDULED", null);
        return id;
    }

    public long count(String sql, Object... params) {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected void execute(String sql, Object... params) {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Today as the service counts it for a clinic without a profile: in the configured clinic time
     * zone and by the service's clock, so a run after midnight UTC (still yesterday in Seattle)
     * expects the day the service writes.
     */
    protected String today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of(defaultTimeZone)).toString();
    }
}
