package app.rapport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the real processes from a test JVM (as the system tests will): MariaDB, the broker,
 * and contacts-service when its jar is built; Keycloak, GreenMail and the console when its jar
 * is built. Slow (one to three minutes; Keycloak's first build in a fresh data directory alone
 * takes 20-50 s), so only on request:
 * {@code ./mvnw -pl deploy/local test -Drapport.local.run=true} (the Keycloak distribution must
 * be fetched first: {@code ./mvnw -pl deploy/local dependency:copy@dev-servers}).
 */
@EnabledIfSystemProperty(named = "rapport.local.run", matches = "true")
class LocalPlatformRunTest {

    @Test
    void startsStopsAndRestartsEveryPartKeepingTheData(@TempDir Path dir) throws Exception {
        Path repoRoot = DockerComposeFileTest.findRepoRoot();
        LocalPlatformOptions options = new LocalPlatformOptions().dataDir(dir.resolve("data")).repoRoot(repoRoot).freePorts();
        try (LocalPlatform p = new LocalPlatform(options)) {
            p.startDatabase();
            p.startBroker();
            p.awaitHealthy(Duration.ofSeconds(60));

            String url = p.jdbcUrl(RapportService.REFERRALS);
            try (Connection c = DriverManager.getConnection(url, "referrals", p.dbPassword(RapportService.REFERRALS));
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR(40)) CHARACTER SET utf8mb4");
                s.execute("INSERT INTO kept VALUES (1, 'Zoë')");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(p.jdbcUrl(RapportService.CONTACTS), "referrals",
                    p.dbPassword(RapportService.REFERRALS)).close()).isInstanceOf(SQLException.class);

            // the database goes away and comes back with the same data
            p.stopDatabase();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "referrals", "referrals").close())
                    .isInstanceOf(SQLException.class);
            p.startDatabase();
            p.awaitHealthy(Duration.ofSeconds(60));
            try (Connection c = DriverManager.getConnection(url, "referrals", "referrals");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM kept WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Zoë");
            }

            // the broker restarts on the same log directory
            Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrap());
            try (Admin a = Admin.create(admin)) {
                a.createTopics(List.of(new NewTopic("kept.topic", Optional.empty(), Optional.empty()))).all().get();
            }
            p.restartBroker();
            try (Admin a = Admin.create(admin)) {
                assertThat(a.describeTopics(List.of("kept.topic")).allTopicNames().get().get("kept.topic").partitions())
                        .hasSize(6);
            }

            Path jar = options.serviceJar(RapportService.CONTACTS);
            if (Files.isRegularFile(jar)) {
                p.startService(RapportService.CONTACTS);
                p.awaitServiceHealthy(RapportService.CONTACTS, Duration.ofMinutes(2));
                // the training run before that start left the jar's class-data archive behind
                assertThat(p.classDataArchive(RapportService.CONTACTS)).isNotEmptyFile();
                long pid = p.servicePid(RapportService.CONTACTS).orElseThrow();
                p.stopService("contacts", true);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(p.isServiceReady(RapportService.CONTACTS)).isFalse();
                p.startService("contacts-service");
                p.awaitServiceHealthy(RapportService.CONTACTS, Duration.ofMinutes(2));
                assertThat(p.dataDir().resolve("services/contacts-service/plugins")).isDirectory();
                assertThat(p.logFile(RapportService.CONTACTS)).isNotEmptyFile();
            }
        }
        // nothing keeps running after close()
        assertThat(Ports.accepts(options.dbPort())).isFalse();
        assertThat(Ports.accepts(options.kafkaPort())).isFalse();
        assertThat(Ports.accepts(options.servicePort(RapportService.CONTACTS))).isFalse();
    }

    @Test
    void demoUsersSignInAtKeycloakAndMailLandsInGreenMail(@TempDir Path dir) throws Exception {
        Path repoRoot = DockerComposeFileTest.findRepoRoot();
        LocalPlatformOptions options = new LocalPlatformOptions().dataDir(dir.resolve("data")).repoRoot(repoRoot).freePorts();
        List<Long> pids = new ArrayList<>();
        try (LocalPlatform p = new LocalPlatform(options)) {
            p.prepareIdentityProvider();
            assertThat(p.isIdentityProviderPrepared()).isTrue();
            long t0 = System.nanoTime();
            p.startIdentityProvider();
            p.startMailServer();
            p.awaitIdentityProvider(Duration.ofMinutes(3));
            System.out.printf("Keycloak ready %.1f s after start (fresh database, realm imported)%n", (System.nanoTime() - t0) / 1e9);
            p.awaitMailServer(Duration.ofSeconds(30));

            // What the console discovers: the issuer the tokens carry, and the JWKS the services read.
            HttpClient http = HttpClient.newHttpClient();
            JsonNode discovery = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create(p.oidcIssuer() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(discovery.path("issuer").asText()).isEqualTo(p.oidcIssuer());
            assertThat(discovery.path("jwks_uri").asText()).isEqualTo(p.oidcJwksUrl());
            JsonNode keys = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(p.oidcJwksUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(keys.path("keys").findValuesAsText("alg")).contains("RS256");

            String callback = "http://127.0.0.1:" + options.consolePort() + "/oauth/callback/rapport";
            assertThat(new BrowserSignIn().signInPage(p.oidcIssuer(), callback)).contains("name=\"username\"", "name=\"password\"");
            BrowserSignIn.Tokens manager = new BrowserSignIn().signIn(p.oidcIssuer(), callback, "manager", "manager",
                    IdentityProvider.DEV_CLIENT_SECRET);
            for (JsonNode claims : List.of(manager.idToken(), manager.accessToken())) {
                assertThat(claims.path("iss").asText()).isEqualTo(p.oidcIssuer());
                assertThat(claims.path("clinic").asText()).isEqualTo("seattle-downtown");
                assertThat(claims.path("clinics").toString()).isEqualTo("[\"seattle-downtown\",\"tacoma\"]");
                List<String> roles = new ArrayList<>();
                claims.path("roles").forEach(r -> roles.add(r.asText()));
                assertThat(roles).containsExactlyInAnyOrder("staff", "group-admin");
            }
            assertThat(manager.accessToken().path("aud").toString()).contains("rapport-console");
            // half an hour (expires_in counts down from the moment the token was made)
            assertThat(manager.accessToken().path("exp").asLong() - manager.accessToken().path("iat").asLong()).isEqualTo(1800);
            assertThat(manager.expiresIn()).isBetween(1790, 1800);
            BrowserSignIn.Tokens tacoma = new BrowserSignIn().signIn(p.oidcIssuer(), callback, "tacoma", "tacoma",
                    IdentityProvider.DEV_CLIENT_SECRET);
            assertThat(tacoma.accessToken().path("clinic").asText()).isEqualTo("tacoma");
            assertThat(tacoma.accessToken().has("clinics")).isFalse();
            assertThatThrownBy(() -> new BrowserSignIn().signIn(p.oidcIssuer(), callback, "tacoma", "wrong",
                    IdentityProvider.DEV_CLIENT_SECRET)).hasMessageContaining("did not redirect");

            // Signing out at the console ends at the provider, which may send people back to /signed-out.
            // (No session here, so Keycloak redirects at once instead of asking to confirm.)
            String endSession = discovery.path("end_session_endpoint").asText() + "?client_id=rapport-console&post_logout_redirect_uri=";
            String signedOut = "http://127.0.0.1:" + options.consolePort() + "/signed-out";
            HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(endSession
                    + URLEncoder.encode(signedOut, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(logout.statusCode()).isEqualTo(302);
            assertThat(logout.headers().firstValue("Location")).get().asString().startsWith(signedOut);
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(endSession
                    + URLEncoder.encode("https://elsewhere.example/", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.headers().firstValue("Location").orElse("")).as("a foreign post-logout URI").doesNotContain("elsewhere");

            // A message over SMTP (no login) shows up in GreenMail's API, which the console's inbox reads.
            try (Socket smtp = new Socket("127.0.0.1", p.smtpPort());
                 BufferedReader in = new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII));
                 Writer out = new OutputStreamWriter(smtp.getOutputStream(), StandardCharsets.US_ASCII)) {
                // "" reads the greeting
                for (String line : List.of("", "HELO rapport", "MAIL FROM:<outreach@rapport.invalid>",
                        "RCPT TO:<dr.adams@clinic.test>", "DATA",
                        "Subject: Thank you for the referral\r\n\r\nThank you.\r\n.", "QUIT")) {
                    if (!line.isEmpty()) {
                        out.write(line + "\r\n");
                        out.flush();
                    }
                    assertThat(in.readLine()).as("answer to %s", line).matches("[23]\\d\\d.*");
                }
            }
            String users = http.send(HttpRequest.newBuilder(URI.create(p.mailApiUrl() + "/api/user")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(users).contains("dr.adams@clinic.test");

            if (p.hasConsoleJar()) {
                p.startConsole();
                p.awaitConsoleHealthy(Duration.ofMinutes(2));
                assertThat(p.isConsoleReady()).isTrue();
            }
            for (String name : List.of("keycloak", "greenmail")) {
                pids.add(Long.parseLong(Files.readString(p.dataDir().resolve("run/" + name + ".pid")).trim()));
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d after close", pid).isFalse();
        }
        for (int port : List.of(options.keycloakPort(), options.smtpPort(), options.imapPort(), options.mailApiPort(),
                options.consolePort())) {
            assertThat(Ports.accepts(port)).as("port %d after close", port).isFalse();
        }
    }
}
