package app.rapport.platform.testing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A service as Kubernetes runs it (deploy/k8s: {@code ENDPOINTS_ALL_PORT} and the two swagger
 * switches, ADR 0008): health and metrics answer only on the management port, which the
 * NetworkPolicy opens to the monitoring namespace alone, and the API port serves neither them nor
 * the API docs to an anonymous caller. {@link ServiceSmokeTest} covers the local defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeployedServiceTest implements TestPropertyProvider {

    private final int managementPort = freePort();

    @Inject
    @Client("/")
    protected HttpClient api;

    /** e.g. {@code contacts-service}. */
    protected abstract String serviceName();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService(serviceName().replace("-service", "") + "_deployed"));
        props.put("endpoints.all.port", String.valueOf(managementPort));
        props.put("micronaut.router.static-resources.swagger.enabled", "false");
        props.put("micronaut.router.static-resources.swagger-ui.enabled", "false");
        return props;
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
        for (String path : new String[] {"/health", "/health/readiness", "/prometheus"}) {
            assertThat(anonymousStatus(path)).as("%s on the API port", path).isIn(401, 404);
        }
        try (HttpClient management = HttpClient.create(new URL("http://127.0.0.1:" + managementPort))) {
            // UP once the service's consumers hold their partitions (ADR 0014): 503 until then, not an answer to this test
            String health = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> management.toBlocking().exchange(HttpRequest.GET("/health"), String.class).body(), body -> body != null);
            assertThat(health).contains("\"status\":\"UP\"");
            String metrics = management.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
            assertThat(metrics).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void theApiDocsAreNotServed() {
        for (String path : new String[] {"/swagger/" + serviceName() + ".yml", "/swagger-ui/index.html"}) {
            assertThat(anonymousStatus(path)).as(path).isIn(401, 404);
        }
    }

    private int anonymousStatus(String path) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> api.toBlocking().exchange(HttpRequest.GET(path), String.class), path);
        return e.getStatus().getCode();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
