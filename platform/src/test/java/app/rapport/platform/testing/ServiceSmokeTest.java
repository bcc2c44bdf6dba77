package app.rapport.platform.testing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every service must do once started: answer its health probes, have migrated its own
 * database, serve its OpenAPI document and Swagger UI, and refuse an API call without a token.
 * Each service extends it with {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceSmokeTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    protected HttpClient http;
    @Inject
    protected DataSource dataSource;
    @Inject
    protected DataSourceResolver dataSourceResolver;

    /** e.g. {@code contacts-service}. */
    protected abstract String serviceName();

    @Override
    public Map<String, String> getProperties() {
        return RapportTestProperties.forService(serviceName().replace("-service", ""));
    }

    @Test
    void answersHealthLivenessAndReadinessWithoutAToken() {
        // Readiness turns UP once every consumer holds its partitions (ADR 0014), a moment after start.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class).code() == 200);
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET(path), String.class);
            assertThat(response.getStatus().getCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("UP");
        }
    }

    @Test
    void migratedItsOwnDatabaseWithFlyway() throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        assertThat(applied).contains("0.1");
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() {
        String spec = http.toBlocking().retrieve(HttpRequest.GET("/swagger/" + serviceName() + ".yml"));
        assertThat(spec).contains("openapi:").contains("title: Rapport " + serviceName()).contains("/api/v1/plugins")
                .contains("- bearer: []").contains("bearerFormat: JWT")
                // The caller comes from the token: no operation asks an integrator for it.
                .doesNotContain("name: caller");
        String ui = http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));
        assertThat(ui).containsIgnoringCase("swagger");
    }

    @Test
    void refusesAnApiCallWithoutAToken() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.GET("/api/v1/plugins"), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }
}
