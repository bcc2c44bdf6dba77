package app.rapport.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
    void freePortsAreDistinctAndNotTheDefaults() {
        LocalPlatformOptions o = new LocalPlatformOptions().freePorts();
        List<Integer> ports = List.of(o.dbPort(), o.kafkaPort(), o.controllerPort(), o.servicePort(RapportService.CONTACTS),
                o.servicePort(RapportService.REFERRALS), o.servicePort(RapportService.OUTREACH),
                o.servicePort(RapportService.REPORTS), o.keycloakPort(), o.smtpPort(), o.imapPort(), o.mailApiPort(),
                o.consolePort());
        assertThat(ports).doesNotHaveDuplicates()
                // a test run never takes the ports of a developer's deploy/local/run
                .doesNotContain(8080, 8180, 3025, 3143, 8025);
    }

    @Test
    void servicesAcceptTheProvidersTokensAndMailThroughGreenMailOnlyWhenThoseRun(@TempDir Path dir) {
        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir).keycloakPort(18180).smtpPort(13025);
        try (LocalPlatform p = new LocalPlatform(o)) {
            Path plugins = dir.resolve("plugins");
            // as the system tests and the benchmark start them: neither provider nor mail server
            for (RapportService s : RapportService.values()) {
                assertThat(p.serviceEnvironment(s, plugins)).doesNotContainKeys("RAPPORT_OIDC_JWKS_URL", "RAPPORT_SMTP_HOST");
            }
            for (RapportService s : RapportService.values()) {
                assertThat(p.serviceEnvironment(s, plugins, true, true)).as(s.moduleName())
                        .containsEntry("RAPPORT_OIDC_JWKS_URL", "http://127.0.0.1:18180/realms/rapport/protocol/openid-connect/certs");
            }
            for (RapportService s : List.of(RapportService.OUTREACH, RapportService.REPORTS)) {
                assertThat(p.serviceEnvironment(s, plugins, true, true)).as(s.moduleName())
                        .containsEntry("RAPPORT_SMTP_HOST", "127.0.0.1")
                        .containsEntry("RAPPORT_SMTP_PORT", "13025")
                        .containsEntry("RAPPORT_SMTP_STARTTLS", "false");
            }
            assertThat(p.serviceEnvironment(RapportService.CONTACTS, plugins, true, true)).doesNotContainKey("RAPPORT_SMTP_HOST");
            assertThat(p.oidcJwksUrl()).isEqualTo("http://127.0.0.1:18180/realms/rapport/protocol/openid-connect/certs");
        }
    }

    @Test
    void theConsoleGetsTheServicesTheProviderItsSecretsAndTheInbox(@TempDir Path dir) {
        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir).servicePortBase(18081).consolePort(18080)
                .keycloakPort(18180).mailApiPort(18025).consoleEnv("RAPPORT_EXTRA", "x");
        try (LocalPlatform p = new LocalPlatform(o)) {
            Map<String, String> env = p.consoleEnvironment(true);
            assertThat(env).containsEntry("RAPPORT_HTTP_PORT", "18080")
                    .containsEntry("RAPPORT_CONTACTS_URL", "http://127.0.0.1:18081")
                    .containsEntry("RAPPORT_REFERRALS_URL", "http://127.0.0.1:18082")
                    .containsEntry("RAPPORT_OUTREACH_URL", "http://127.0.0.1:18083")
                    .containsEntry("RAPPORT_REPORTS_URL", "http://127.0.0.1:18084")
                    .containsEntry("RAPPORT_OIDC_ISSUER", "http://127.0.0.1:18180/realms/rapport")
                    .containsEntry("RAPPORT_OIDC_CLIENT_ID", "rapport-console")
                    .containsEntry("RAPPORT_OIDC_CLIENT_SECRET", "rapport-console-dev-secret")
                    .containsEntry("RAPPORT_CONSOLE_SESSION_SECRET", LocalPlatform.DEV_CONSOLE_SESSION_SECRET)
                    .containsEntry("RAPPORT_DEV_MAIL_API", "http://127.0.0.1:18025")
                    .containsEntry("MICRONAUT_ENVIRONMENTS", "local")
                    .containsEntry("RAPPORT_EXTRA", "x")
                    // Chromium keeps Secure cookies on http://127.0.0.1 and localhost: no switch needed
                    .doesNotContainKey("RAPPORT_CONSOLE_COOKIE_SECURE");
            assertThat(p.consoleEnvironment(false)).doesNotContainKey("RAPPORT_DEV_MAIL_API");
            assertThat(p.consoleUrl()).isEqualTo("http://127.0.0.1:18080");
            assertThat(LocalPlatform.DEV_CONSOLE_SESSION_SECRET.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
            if (!p.hasConsoleJar()) {
                assertThatThrownBy(p::startConsole).hasMessageContaining("No console jar")
                        .hasMessageContaining("--no-console");
            }
        }
        LocalPlatformOptions other = new LocalPlatformOptions().consoleJar(dir.resolve("missing.jar"));
        try (LocalPlatform p = new LocalPlatform(other.dataDir(dir.resolve("other")))) {
            assertThat(p.hasConsoleJar()).isFalse();
            assertThatThrownBy(p::startConsole).hasMessageContaining("missing.jar");
        }
    }

    @Test
    void keycloakStartsOptimizedOnItsPortWithOneIssuerAndASmallHeap(@TempDir Path dir) {
        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir).keycloakPort(18180).consolePort(18080);
        IdentityProvider kc = new IdentityProvider(o, dir);
        assertThat(kc.issuer()).isEqualTo("http://127.0.0.1:18180/realms/rapport");
        assertThat(kc.discoveryUrl()).isEqualTo("http://127.0.0.1:18180/realms/rapport/.well-known/openid-configuration");
        assertThat(kc.home()).isEqualTo(dir.resolve("keycloak/keycloak-" + DevServers.KEYCLOAK_VERSION));
        assertThat(kc.command()).first().asString().endsWith("bin/kc.sh");
        assertThat(kc.command()).contains("start", "--optimized", "--http-port=18180", "--http-host=127.0.0.1",
                "--hostname=http://127.0.0.1:18180", "--import-realm");
        assertThat(IdentityProvider.BUILD_OPTIONS).contains("--db=dev-file");
        Map<String, String> env = kc.environment();
        assertThat(env).containsEntry("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .containsEntry("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx160m")
                // the realm's redirect URI placeholder names the console this runtime starts
                .containsEntry("RAPPORT_CONSOLE_URL", "http://127.0.0.1:18080")
                .containsKey("JAVA_HOME");
        assertThat(env.get("JAVA_OPTS_APPEND")).contains("-Drapport.local.owner=" + dir);
        assertThat(Path.of(env.get("JAVA_HOME"), "bin", "java")).isEqualTo(o.javaExecutable().toAbsolutePath());
        assertThat(kc.isPrepared()).isFalse();
    }

    @Test
    void aChangedRealmOrConsoleUrlIsImportedAgain() {
        byte[] realm = "{\"realm\":\"rapport\"}".getBytes(StandardCharsets.UTF_8);
        String one = IdentityProvider.realmFingerprint(realm, Map.of("RAPPORT_CONSOLE_URL", "http://127.0.0.1:8080"));
        assertThat(IdentityProvider.realmFingerprint(realm, Map.of("RAPPORT_CONSOLE_URL", "http://127.0.0.1:8080"))).isEqualTo(one);
        assertThat(IdentityProvider.realmFingerprint(realm, Map.of("RAPPORT_CONSOLE_URL", "http://127.0.0.1:18080"))).isNotEqualTo(one);
        assertThat(IdentityProvider.realmFingerprint("{}".getBytes(StandardCharsets.UTF_8),
                Map.of("RAPPORT_CONSOLE_URL", "http://127.0.0.1:8080"))).isNotEqualTo(one);
        // the admin password or the heap do not touch the realm
        assertThat(IdentityProvider.realmFingerprint(realm, Map.of("RAPPORT_CONSOLE_URL", "http://127.0.0.1:8080",
                "JAVA_OPTS_KC_HEAP", "-Xmx1g"))).isEqualTo(one);
    }

    @Test
    void theDistributionUnpacksOnlyInsideTheDataDirectory(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(good))) {
            z.putNextEntry(new ZipEntry("keycloak-x/bin/kc.sh"));
            z.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        IdentityProvider.unzip(good, dir.resolve("out"));
        assertThat(dir.resolve("out/keycloak-x/bin/kc.sh")).hasContent("#!/bin/sh");
        Path evil = dir.resolve("evil.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
            z.putNextEntry(new ZipEntry("../escaped.txt"));
            z.closeEntry();
        }
        assertThatThrownBy(() -> IdentityProvider.unzip(evil, dir.resolve("out2"))).hasMessageContaining("outside");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void theDevelopmentServersComeFromTheBuildOrTheLocalMavenRepository(@TempDir Path dir) throws Exception {
        assertThat(DevServers.KEYCLOAK_VERSION).isEqualTo("26.7.3");
        assertThat(DevServers.GREENMAIL_VERSION).isEqualTo("2.1.8");
        LocalPlatformOptions o = new LocalPlatformOptions().devServersDir(dir.resolve("dev-servers"))
                .mavenRepository(dir.resolve("m2"));
        assertThatThrownBy(() -> DevServers.keycloakDistribution(o)).hasMessageContaining(DevServers.FETCH_COMMAND)
                .hasMessageContaining("keycloak-quarkus-dist-26.7.3.zip");
        Path inRepo = dir.resolve("m2/com/icegreen/greenmail-standalone/2.1.8/greenmail-standalone-2.1.8.jar");
        Files.createDirectories(inRepo.getParent());
        Files.writeString(inRepo, "jar");
        assertThat(DevServers.greenMailJar(o)).isEqualTo(inRepo);
        Path copied = dir.resolve("dev-servers/greenmail-standalone-2.1.8.jar");
        Files.createDirectories(copied.getParent());
        Files.writeString(copied, "jar");
        assertThat(DevServers.greenMailJar(o)).as("the build's copy first").isEqualTo(copied);
    }

    @Test
    void greenMailListensOnItsThreePortsWithoutAuthentication(@TempDir Path dir) {
        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir).smtpPort(13025).imapPort(13143).mailApiPort(18025);
        MailServer mail = new MailServer(o, dir);
        List<String> cmd = mail.command(Path.of("greenmail.jar"), "-Dmarker");
        assertThat(cmd).contains("-Dgreenmail.smtp.port=13025", "-Dgreenmail.imap.port=13143", "-Dgreenmail.api.port=18025",
                "-Dgreenmail.auth.disabled", "-Dgreenmail.hostname=127.0.0.1", "-Dmarker");
        assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("-jar", "greenmail.jar");
        assertThat(mail.apiUrl()).isEqualTo("http://127.0.0.1:18025");
    }

    @Test
    void runStartsEverythingUnlessToldOtherwise() {
        LocalRuntimeMain.Plan all = LocalRuntimeMain.plan(new String[0]);
        assertThat(all.identityProvider).isTrue();
        assertThat(all.mailServer).isTrue();
        assertThat(all.console).isTrue();
        assertThat(all.services).containsExactlyInAnyOrder(RapportService.values());

        LocalRuntimeMain.Plan infra = LocalRuntimeMain.plan(new String[] {"--infra-only"});
        assertThat(infra.services).isEmpty();
        assertThat(infra.console).isFalse();
        assertThat(infra.identityProvider).isTrue();
        assertThat(infra.mailServer).isTrue();

        // nothing to sign in to without the provider
        LocalRuntimeMain.Plan noKeycloak = LocalRuntimeMain.plan(new String[] {"--no-keycloak"});
        assertThat(noKeycloak.identityProvider).isFalse();
        assertThat(noKeycloak.console).isFalse();

        LocalRuntimeMain.Plan ports = LocalRuntimeMain.plan(new String[] {"--no-console", "--no-mail", "--console-port", "18080",
                "--keycloak-port", "18180", "--smtp-port", "13025", "--imap-port", "13143", "--mail-api-port", "18025",
                "--services", "referrals"});
        assertThat(ports.console).isFalse();
        assertThat(ports.mailServer).isFalse();
        assertThat(ports.services).containsExactly(RapportService.REFERRALS);
        assertThat(List.of(ports.options.consolePort(), ports.options.keycloakPort(), ports.options.smtpPort(),
                ports.options.imapPort(), ports.options.mailApiPort())).containsExactly(18080, 18180, 13025, 13143, 18025);
        assertThatThrownBy(() -> LocalRuntimeMain.plan(new String[] {"--keycloak-port", "x"})).hasMessageContaining("not a port");
        assertThat(LocalRuntimeMain.usage()).contains("--no-console", "--no-keycloak", "--no-mail", "--keycloak-port");
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
    void tokenCommandMintsAGroupAdministratorsTokenWithTheClinicsItRollsUp() {
        String token = TokenMain.token(new String[] {"--clinic", "north-clinic", "--roles", "group-admin",
                "--clinics", "north-clinic,south-clinic"}, null);
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"clinics\":[\"north-clinic\",\"south-clinic\"]")
                .contains("\"roles\":[\"group-admin\"]").contains("\"exp\":").contains("\"iss\":\"rapport\"");
        // Without --clinics the token carries no clinics claim: it acts for its one clinic only.
        String single = TokenMain.token(new String[] {"--clinic", "north-clinic"}, null);
        assertThat(new String(Base64.getUrlDecoder().decode(single.split("\\.")[1]), StandardCharsets.UTF_8))
                .doesNotContain("clinics");
        assertThatThrownBy(() -> TokenMain.token(new String[] {"--clinic", "north-clinic", "--clinics", "Not A Slug"},
                null)).isInstanceOf(IllegalArgumentException.class);
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
