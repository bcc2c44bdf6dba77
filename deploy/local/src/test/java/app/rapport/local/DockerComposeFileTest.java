package app.rapport.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks docker-compose.yml at the repository root without a Docker engine. */
class DockerComposeFileTest {

    static final List<String> SERVICES = List.of("contacts-service", "referrals-service", "outreach-service", "reports-service");

    static Path repoRoot;
    static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        repoRoot = findRepoRoot();
        try (Reader r = Files.newBufferedReader(repoRoot.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml().load(r);
            services = (Map<String, Object>) compose.get("services");
        }
        assertThat(services).as("services:").isNotNull();
    }

    static Path findRepoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docker-compose.yml above " + System.getProperty("user.dir")).isNotNull();
        return dir;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(String name) {
        Object env = service(name).get("environment");
        assertThat(env).as(name + " environment as a map").isInstanceOf(Map.class);
        return (Map<String, Object>) env;
    }

    @Test
    void hasTheFourServicesMysqlKafkaKeycloakGreenMailAndTheConsole() {
        assertThat(services).containsKeys("keycloak", "greenmail", "console");
        // the same Keycloak and GreenMail as deploy/local runs
        assertThat(service("keycloak").get("image")).isEqualTo("quay.io/keycloak/keycloak:" + DevServers.KEYCLOAK_VERSION);
        assertThat(service("greenmail").get("image")).isEqualTo("greenmail/standalone:" + DevServers.GREENMAIL_VERSION);
        assertThat(service("console").get("image")).isEqualTo("rapport/console:0.1.0-SNAPSHOT");
        assertThat(services).containsKeys("mysql", "kafka");
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        assertThat(service("mysql").get("image")).isEqualTo("mysql:8.4");
        assertThat(service("mysql").get("volumes")).asList()
                .contains("./deploy/compose/mysql-init:/docker-entrypoint-initdb.d:ro");
        assertThat(service("kafka").get("image")).isEqualTo("apache/kafka:4.1.1");
        assertThat(String.valueOf(environment("kafka").get("KAFKA_PROCESS_ROLES"))).isEqualTo("broker,controller");
        for (String s : SERVICES) {
            assertThat(service(s).get("image")).isEqualTo("rapport/" + s + ":0.1.0-SNAPSHOT"); // the tag Jib builds
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerHasAHealthcheck() {
        for (String name : services.keySet()) {
            Object hc = service(name).get("healthcheck");
            assertThat(hc).as(name + " healthcheck").isInstanceOf(Map.class);
            Object test = ((Map<String, Object>) hc).get("test");
            assertThat(test).as(name + " healthcheck test").isNotNull();
            if (SERVICES.contains(name) || name.equals("console")) {
                assertThat(String.join(" ", (List<String>) test)).contains("/health/readiness");
            }
            if (name.equals("keycloak")) {
                // ready once the realm is imported, as deploy/local waits for it
                assertThat(String.join(" ", (List<String>) test)).contains("/realms/rapport/.well-known/openid-configuration");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceWaitsForHealthyMysqlAndKafka() {
        for (String s : SERVICES) {
            Object dependsOn = service(s).get("depends_on");
            assertThat(dependsOn).as(s + " depends_on in long form").isInstanceOf(Map.class);
            Map<String, Object> deps = (Map<String, Object>) dependsOn;
            for (String infra : List.of("mysql", "kafka")) {
                assertThat(deps).as(s + " depends on " + infra).containsKey(infra);
                assertThat(((Map<String, Object>) deps.get(infra)).get("condition")).isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void everyServiceHasItsOwnDatabaseUserCreatedByTheInitScripts() throws IOException {
        String init = initScripts();
        Set<String> users = new HashSet<>();
        for (String s : SERVICES) {
            Map<String, Object> env = environment(s);
            String user = String.valueOf(env.get("RAPPORT_DB_USER"));
            assertThat(users.add(user)).as("RAPPORT_DB_USER of " + s + " is not shared").isTrue();
            String url = String.valueOf(env.get("RAPPORT_DB_URL"));
            assertThat(url).startsWith("jdbc:mysql://mysql:3306/");
            String database = url.substring(url.lastIndexOf('/') + 1);
            assertThat(init).containsPattern("(?i)CREATE DATABASE IF NOT EXISTS `" + Pattern.quote(database) + "`");
            assertThat(init).containsPattern("(?i)CREATE USER IF NOT EXISTS '" + Pattern.quote(user) + "'@'%'");
            // the user is granted its own database and nothing else
            assertThat(init).containsPattern("(?i)GRANT ALL PRIVILEGES ON \\\\?`" + Pattern.quote(database)
                    + "\\\\?`\\.\\* TO '" + Pattern.quote(user) + "'@'%'");
            assertThat(Pattern.compile("(?i)GRANT [^;]* TO '" + Pattern.quote(user) + "'").matcher(init).results().count())
                    .as("grants to " + user).isEqualTo(1);
        }
    }

    @Test
    void theDatabaseContainerAndEachServiceGetTheSamePassword() {
        Map<String, Object> mysqlEnv = environment("mysql");
        for (String s : SERVICES) {
            String key = "RAPPORT_" + s.replace("-service", "").toUpperCase() + "_DB_PASSWORD";
            assertThat(mysqlEnv).containsKey(key);
            assertThat(environment(s).get("RAPPORT_DB_PASSWORD")).isEqualTo(mysqlEnv.get(key));
        }
    }

    @Test
    void servicesGetTheirEnvironmentAndPorts8081To8084() {
        for (int i = 0; i < SERVICES.size(); i++) {
            String s = SERVICES.get(i);
            int port = 8081 + i;
            Map<String, Object> env = environment(s);
            assertThat(String.valueOf(env.get("RAPPORT_HTTP_PORT"))).isEqualTo(Integer.toString(port));
            assertThat(env).containsKeys("RAPPORT_DB_URL", "RAPPORT_DB_USER", "RAPPORT_DB_PASSWORD",
                    "RAPPORT_KAFKA_BOOTSTRAP", "RAPPORT_JWT_SECRET", "RAPPORT_PLUGIN_DIR", "RAPPORT_KAFKA_CREATE_TOPICS");
            // not the `local` environment: only there is the published dev token secret accepted
            assertThat(env).doesNotContainKey("MICRONAUT_ENVIRONMENTS");
            assertThat(env.get("RAPPORT_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
            // a secret is never given a default in the compose file
            assertThat(String.valueOf(env.get("RAPPORT_JWT_SECRET"))).startsWith("${RAPPORT_JWT_SECRET:?");
            assertThat(service(s).get("ports")).asList().map(String::valueOf).containsExactly(port + ":" + port);
        }
    }

    @Test
    void keycloakImportsTheRealmFileAndIssuesTokensUnderTheBrowsersUrl() {
        Map<String, Object> kc = service("keycloak");
        assertThat(kc.get("command")).asList().contains("start-dev", "--import-realm");
        String mount = String.valueOf(((List<?>) kc.get("volumes")).stream()
                .filter(v -> String.valueOf(v).contains(":/opt/keycloak/data/import")).findFirst().orElseThrow());
        Path importDir = repoRoot.resolve(mount.substring(0, mount.indexOf(':')));
        assertThat(importDir.resolve("rapport-realm.json")).as("the realm in the mounted directory").isRegularFile();

        Map<String, Object> env = environment("keycloak");
        URI frontend = URI.create(String.valueOf(env.get("KC_HOSTNAME")));
        // The browser reaches Keycloak through the published port named in KC_HOSTNAME ...
        assertThat(frontend.getHost()).isEqualTo("localhost");
        assertThat(service("keycloak").get("ports")).asList().map(String::valueOf)
                .containsExactly(frontend.getPort() + ":8080");
        // ... the console through the compose network; the back-channel follows the host asked.
        assertThat(String.valueOf(env.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"))).isEqualTo("true");
        URI discovered = URI.create(String.valueOf(environment("console").get("RAPPORT_OIDC_ISSUER")));
        assertThat(discovered.getHost()).isEqualTo("keycloak");
        assertThat(discovered.getPort()).isEqualTo(8080);
        assertThat(discovered.getPath()).isEqualTo("/realms/rapport");
        // The realm's redirect URI is the console as the browser sees it.
        URI consoleUrl = URI.create(String.valueOf(env.get("RAPPORT_CONSOLE_URL")));
        assertThat(consoleUrl.getHost()).isEqualTo(frontend.getHost());
        assertThat(service("console").get("ports")).asList().map(String::valueOf)
                .containsExactly(consoleUrl.getPort() + ":8080");
        assertThat(env).containsKeys("KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleGetsTheLocalRuntimesVariablesWithComposeHostNames(@TempDir Path dir) {
        Map<String, Object> env = environment("console");
        try (LocalPlatform p = new LocalPlatform(new LocalPlatformOptions().dataDir(dir))) {
            assertThat(env).containsOnlyKeys(p.consoleEnvironment(true).keySet());
        }
        for (String s : SERVICES) {
            String var = "RAPPORT_" + s.replace("-service", "").toUpperCase() + "_URL";
            String port = String.valueOf(environment(s).get("RAPPORT_HTTP_PORT"));
            assertThat(env.get(var)).as(var).isEqualTo("http://" + s + ":" + port);
        }
        assertThat(String.valueOf(env.get("RAPPORT_HTTP_PORT"))).isEqualTo("8080");
        assertThat(env.get("RAPPORT_OIDC_CLIENT_ID")).isEqualTo("rapport-console");
        // Keycloak imports the client with the secret the console presents.
        assertThat(env.get("RAPPORT_OIDC_CLIENT_SECRET")).isEqualTo(environment("keycloak").get("RAPPORT_OIDC_CLIENT_SECRET"))
                .isEqualTo("${RAPPORT_OIDC_CLIENT_SECRET:-" + IdentityProvider.DEV_CLIENT_SECRET + "}");
        assertThat(String.valueOf(env.get("RAPPORT_CONSOLE_SESSION_SECRET"))).startsWith("${RAPPORT_CONSOLE_SESSION_SECRET:?");
        assertThat(env.get("RAPPORT_DEV_MAIL_API")).isEqualTo("http://greenmail:" + greenMailOption("api.port"));

        Map<String, Object> deps = (Map<String, Object>) service("console").get("depends_on");
        assertThat(deps).containsKeys("keycloak", "greenmail").containsKeys(SERVICES.toArray(String[]::new));
        deps.values().forEach(d -> assertThat(((Map<String, Object>) d).get("condition")).isEqualTo("service_healthy"));
    }

    @Test
    void servicesAcceptKeycloaksTokensAndMailGoesToGreenMail() {
        String issuer = String.valueOf(environment("console").get("RAPPORT_OIDC_ISSUER"));
        for (String s : SERVICES) {
            assertThat(environment(s).get("RAPPORT_OIDC_JWKS_URL")).as(s)
                    .isEqualTo(issuer + "/protocol/openid-connect/certs");
        }
        for (String s : List.of("outreach-service", "reports-service")) {
            Map<String, Object> env = environment(s);
            assertThat(env.get("RAPPORT_SMTP_HOST")).as(s).isEqualTo("greenmail");
            assertThat(String.valueOf(env.get("RAPPORT_SMTP_PORT"))).as(s).isEqualTo("3025");
            assertThat(String.valueOf(env.get("RAPPORT_SMTP_STARTTLS"))).as(s).isEqualTo("false");
        }
        // 3025 and 3143 are GreenMail's test setup ports
        assertThat(String.valueOf(environment("greenmail").get("GREENMAIL_OPTS")))
                .contains("-Dgreenmail.setup.test.smtp", "-Dgreenmail.setup.test.imap", "-Dgreenmail.auth.disabled",
                        "-Dgreenmail.hostname=0.0.0.0");
        assertThat(service("greenmail").get("ports")).asList().map(String::valueOf)
                .contains("3025:3025", "3143:3143", greenMailOption("api.port") + ":" + greenMailOption("api.port"));
    }

    private static String greenMailOption(String name) {
        Matcher m = Pattern.compile("-Dgreenmail\\." + Pattern.quote(name) + "=(\\S+)")
                .matcher(String.valueOf(environment("greenmail").get("GREENMAIL_OPTS")));
        assertThat(m.find()).as("greenmail.%s in GREENMAIL_OPTS", name).isTrue();
        return m.group(1);
    }

    private static String initScripts() throws IOException {
        Path dir = repoRoot.resolve("deploy/compose/mysql-init");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(texts).as("init scripts in " + dir).isNotEmpty();
        return String.join("\n", texts);
    }
}
