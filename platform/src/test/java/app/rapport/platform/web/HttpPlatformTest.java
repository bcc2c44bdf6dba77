package app.rapport.platform.web;

import app.rapport.platform.sample.Note;
import app.rapport.platform.security.TokenMinter;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every service's HTTP surface promises: tokens required, problem+json errors, one clinic's data. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpPlatformTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new java.util.HashMap<>(RapportTestProperties.forService("platform_http"));
        // Operators pass TLS and other client settings as dotted Kafka keys (Kubernetes config file).
        props.put("rapport.kafka.properties.client.dns.lookup", "use_all_dns_ips");
        return props;
    }

    @Test
    void aRequestWithoutATokenIs401ProblemJson() throws IOException {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.GET("/api/v1/test-notes/x"), String.class));
        assertProblem(e, HttpStatus.UNAUTHORIZED);
    }

    @Test
    void expiredOrForgedTokensAre401() throws IOException {
        String expired = TokenMinter.mint(TestTokens.SECRET, "x", "tacoma", List.of("staff"), Instant.now().minusSeconds(60));
        String forged = TokenMinter.mint("another-secret-that-is-long-enough-0123456789", "x", "tacoma",
                List.of("staff"), Instant.now().plusSeconds(600));
        for (String token : List.of(expired, forged)) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                    http.toBlocking().exchange(HttpRequest.GET("/api/v1/plugins").bearerAuth(token), String.class));
            assertProblem(e, HttpStatus.UNAUTHORIZED);
        }
    }

    /**
     * Signed with the right key and otherwise fine, each token lacks one thing a service insists on:
     * an expiry, a start that has come, an issuer. The same token with all three is accepted.
     */
    @Test
    void tokensWithoutExpiryNotYetValidOrWithoutIssuerAre401() throws Exception {
        Instant now = Instant.now();
        String good = hs256(b -> b.issuer(TokenMinter.ISSUER).expirationTime(java.util.Date.from(now.plusSeconds(600))));
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/v1/plugins").bearerAuth(good), String.class)
                .getStatus().getCode()).isEqualTo(200);
        List<String> refused = List.of(
                hs256(b -> b.issuer(TokenMinter.ISSUER)),
                hs256(b -> b.issuer(TokenMinter.ISSUER).expirationTime(java.util.Date.from(now.plusSeconds(600)))
                        .notBeforeTime(java.util.Date.from(now.plusSeconds(300)))),
                hs256(b -> b.expirationTime(java.util.Date.from(now.plusSeconds(600)))));
        for (String token : refused) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                    http.toBlocking().exchange(HttpRequest.GET("/api/v1/plugins").bearerAuth(token), String.class));
            assertProblem(e, HttpStatus.UNAUTHORIZED);
        }
    }

    /** An ops token of the test secret, with whatever the test adds to its claims. */
    private static String hs256(java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> claims) throws Exception {
        com.nimbusds.jwt.JWTClaimsSet set = claims.apply(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("x")
                .claim("clinic", "tacoma").claim("roles", List.of("ops"))).build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), set);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(TestTokens.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void extraKafkaClientPropertiesKeepTheirKafkaNames(app.rapport.platform.kafka.KafkaSettings kafka) {
        assertThat(kafka.clientProperties()).containsEntry("client.dns.lookup", "use_all_dns_ips");
    }

    @Test
    void healthNeedsNoToken() {
        // Readiness turns UP once every consumer holds its partitions (ADR 0014), a moment after start.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class).code() == 200);
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class).getStatus().getCode())
                .isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutboxBacklog() {
        String metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        assertThat(metrics).contains("rapport_outbox_backlog").contains("rapport_outbox_oldest_age_seconds")
                .contains("rapport_dead_letters").contains("http_server_requests");
    }

    @Test
    void malformedJsonIs400ProblemJsonAndWritesNothing() throws IOException {
        String clinic = TestClinics.unique("kent");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.POST("/api/v1/test-notes", "{\"text\": ")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class));
        assertProblem(e, HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMissingRequiredFieldIsNamedInTheProblem() throws IOException {
        String clinic = TestClinics.unique("kent");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", " "))
                        .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class));
        Map<String, Object> problem = assertProblem(e, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").toString()).contains("field=text");
    }

    @Test
    void aWrongTypeIsNamedInTheProblem() throws IOException {
        String clinic = TestClinics.unique("kent");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.PUT("/api/v1/plugins/sample-rule", "{\"enabled\": {\"a\": 1}}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class));
        Map<String, Object> problem = assertProblem(e, HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(problem.get("errors")) + problem.get("detail")).contains("enabled");
    }

    @Test
    void aClinicCannotReadAnotherClinicsRecord() throws IOException {
        String owner = TestClinics.unique("auburn");
        String other = TestClinics.unique("federal-way");
        Note note = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "private"))
                .header("Authorization", TestTokens.bearer(owner, "staff")), Note.class);

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/test-notes/" + note.id())
                .header("Authorization", TestTokens.bearer(owner, "staff")), Note.class).text()).isEqualTo("private");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.GET("/api/v1/test-notes/" + note.id())
                        .header("Authorization", TestTokens.bearer(other, "staff")), String.class));
        assertProblem(e, HttpStatus.NOT_FOUND);
    }

    @Test
    void pluginsAreListedAndAClinicCanSwitchOneOffForItselfOnly() {
        String clinicA = TestClinics.unique("lakewood");
        String clinicB = TestClinics.unique("puyallup");
        assertThat(plugins(clinicA)).containsEntry("sample-rule", true);

        http.toBlocking().exchange(HttpRequest.PUT("/api/v1/plugins/sample-rule", Map.of("enabled", false))
                .header("Authorization", TestTokens.bearer(clinicA, "staff")), String.class);

        assertThat(plugins(clinicA)).containsEntry("sample-rule", false);
        assertThat(plugins(clinicB)).containsEntry("sample-rule", true);
    }

    @Test
    void switchingPluginsNeedsAnAllowedRole() throws IOException {
        String clinic = TestClinics.unique("lakewood");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.PUT("/api/v1/plugins/sample-rule", Map.of("enabled", false))
                        .header("Authorization", TestTokens.bearer(clinic, "clinician")), String.class));
        assertProblem(e, HttpStatus.FORBIDDEN);
    }

    @Test
    void listsPageTheSameWayAndRejectOversizedPages() throws IOException {
        String clinic = TestClinics.unique("tukwila");
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/plugins?page=0&size=5")
                .header("Authorization", TestTokens.bearer(clinic, "staff")), Argument.mapOf(String.class, Object.class));
        assertThat(page).containsKeys("items", "page", "size", "total");
        assertThat(page.get("size")).isEqualTo(5);

        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.GET("/api/v1/plugins?size=5000")
                        .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class));
        Map<String, Object> problem = assertProblem(e, HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(problem.get("errors"))).contains("size");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Boolean> plugins(String clinic) {
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/plugins")
                .header("Authorization", TestTokens.bearer(clinic, "staff")), Argument.mapOf(String.class, Object.class));
        Map<String, Boolean> enabled = new java.util.HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) page.get("items")) {
            enabled.put((String) p.get("name"), (Boolean) p.get("enabled"));
        }
        return enabled;
    }

    private Map<String, Object> assertProblem(HttpClientResponseException e, HttpStatus status) throws IOException {
        assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).hasValue(Problem.MEDIA_TYPE);
        String body = e.getResponse().getBody(String.class).orElseThrow();
        Map<String, Object> problem = json.readValue(body, Argument.mapOf(String.class, Object.class));
        assertThat(problem.get("status")).isEqualTo(status.getCode());
        assertThat((String) problem.get("type")).startsWith(Problem.TYPE_BASE);
        return problem;
    }
}
