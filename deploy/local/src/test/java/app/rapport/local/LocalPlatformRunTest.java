package app.rapport.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the real processes from a test JVM (as the system tests will): MariaDB, the broker,
 * and contacts-service when its jar is built. Slow (about a minute), so only on request:
 * {@code ./mvnw -pl deploy/local test -Drapport.local.run=true}.
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
}
