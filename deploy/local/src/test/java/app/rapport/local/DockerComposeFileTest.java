package app.rapport.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void hasTheFourServicesMysqlAndKafka() {
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
            if (SERVICES.contains(name)) {
                assertThat(String.join(" ", (List<String>) test)).contains("/health/readiness");
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
