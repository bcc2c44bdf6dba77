package app.rapport.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local runtime's generated configuration, checked without starting any process. */
class LocalPlatformConfigTest {

    @Test
    void brokerIsASingleKraftNodeWithItsOwnLogDirectory() {
        LocalPlatformOptions o = new LocalPlatformOptions().kafkaPort(19092).controllerPort(19093)
                .kafkaProperty("log.retention.hours", "1");
        Map<String, String> p = KafkaBroker.serverProperties(o, Path.of("/data/kafka/log-data"));
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("log.dirs", "/data/kafka/log-data")
                .containsEntry("num.partitions", "6")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("log.retention.hours", "1");
    }

    @Test
    void eachServiceGetsItsOwnDatabaseAndUserWithGrantsOnItOnly() {
        LocalPlatformOptions o = new LocalPlatformOptions().dbPassword(RapportService.REPORTS, "it's");
        List<String> sql = EmbeddedDatabase.initStatements(o);
        assertThat(sql).allSatisfy(s -> assertThat(s).doesNotContain("\n").endsWith(";"));
        for (RapportService s : RapportService.values()) {
            String db = s.database();
            assertThat(sql).contains("CREATE DATABASE IF NOT EXISTS `" + db + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
            assertThat(sql).filteredOn(l -> l.startsWith("GRANT") && l.contains("'" + db + "'@"))
                    .hasSize(2)
                    .allSatisfy(l -> assertThat(l).startsWith("GRANT ALL PRIVILEGES ON `" + db + "`.* TO"));
        }
        assertThat(sql).contains("CREATE USER IF NOT EXISTS 'reports'@'%' IDENTIFIED BY 'it''s';");
        assertThat(sql).contains("CREATE USER IF NOT EXISTS 'contacts'@'localhost' IDENTIFIED BY 'contacts';");
    }

    @Test
    void servicesGetTheSameEnvironmentNamesAsTheContainers(@TempDir Path dir) {
        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir).dbPort(13306).kafkaPort(19092)
                .servicePortBase(18081).jwtSecret("0123456789abcdef0123456789abcdef-test")
                .serviceEnv("RAPPORT_OUTBOX_POLL", "50ms")
                .serviceEnv(RapportService.OUTREACH, "RAPPORT_EXTRA", "x");
        try (LocalPlatform p = new LocalPlatform(o)) {
            Map<String, String> env = p.serviceEnvironment(RapportService.OUTREACH, dir.resolve("plugins"));
            assertThat(env).containsEntry("RAPPORT_HTTP_PORT", "18083")
                    .containsEntry("RAPPORT_DB_URL", "jdbc:mysql://127.0.0.1:13306/outreach")
                    .containsEntry("RAPPORT_DB_USER", "outreach")
                    .containsEntry("RAPPORT_DB_PASSWORD", "outreach")
                    .containsEntry("RAPPORT_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
                    .containsEntry("RAPPORT_JWT_SECRET", "0123456789abcdef0123456789abcdef-test")
                    .containsEntry("RAPPORT_PLUGIN_DIR", dir.resolve("plugins").toAbsolutePath().toString())
                    .containsEntry("RAPPORT_KAFKA_CREATE_TOPICS", "true")
                    .containsEntry("MICRONAUT_ENVIRONMENTS", "local")
                    .containsEntry("RAPPORT_OUTBOX_POLL", "50ms")
                    .containsEntry("RAPPORT_EXTRA", "x");
            assertThat(p.serviceUrl("contacts")).isEqualTo("http://127.0.0.1:18081");
            assertThatThrownBy(() -> p.startService("reports-service"))
                    .hasMessageContaining("No jar for reports-service")
                    .hasMessageContaining("--infra-only");
        }
    }

    @Test
    void freePortsAreDistinct() {
        LocalPlatformOptions o = new LocalPlatformOptions().freePorts();
        assertThat(List.of(o.dbPort(), o.kafkaPort(), o.controllerPort(), o.servicePort(RapportService.CONTACTS),
                o.servicePort(RapportService.REFERRALS), o.servicePort(RapportService.OUTREACH),
                o.servicePort(RapportService.REPORTS))).doesNotHaveDuplicates();
    }

    @Test
    void serviceNamesLongOrShort() {
        assertThat(RapportService.of("contacts-service")).isEqualTo(RapportService.CONTACTS);
        assertThat(RapportService.of("referrals")).isEqualTo(RapportService.REFERRALS);
        assertThat(RapportService.REPORTS.jarPath("0.1.0-SNAPSHOT"))
                .isEqualTo("reports-service/target/reports-service-0.1.0-SNAPSHOT.jar");
        assertThatThrownBy(() -> RapportService.of("billing")).hasMessageContaining("contacts-service");
    }

    @Test
    void dataDirectoriesUnderTmpAreNotTakenForThrowAwayOnes() {
        String tmp = System.getProperty("java.io.tmpdir");
        assertThat(EmbeddedDatabase.keptDataDir(Path.of(tmp, "x", "data"))).doesNotStartWith(tmp)
                .endsWith(Path.of(tmp, "x", "data").toString());
    }

    @Test
    void devSecretIsLongEnoughForHs256() {
        assertThat(LocalPlatform.DEV_JWT_SECRET.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
        assertThatThrownBy(() -> new LocalPlatformOptions().jwtSecret("short")).hasMessageContaining("32 bytes");
    }

    @Test
    void tokenCommandMintsATokenForTheClinicAndRoles() {
        String token = TokenMain.token(new String[] {"--clinic", "demo-clinic", "--roles", "staff,ops", "--user", "ann",
                "--ttl", "30m"}, null);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"clinic\":\"demo-clinic\"").contains("\"sub\":\"ann\"")
                .contains("\"roles\":[\"staff\",\"ops\"]");
        assertThatThrownBy(() -> TokenMain.token(new String[] {"--roles", "staff"}, null)).hasMessageContaining("--clinic");
        assertThatThrownBy(() -> TokenMain.token(new String[] {"--clinic", "demo-clinic", "--roles", "boss"}, null))
                .hasMessageContaining("Unknown role");
    }

    @Test
    void ttlFormats() {
        assertThat(TokenMain.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenMain.parseDuration("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(TokenMain.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(TokenMain.parseDuration("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> TokenMain.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenMain.parseDuration("0h")).isInstanceOf(IllegalArgumentException.class);
    }
}
