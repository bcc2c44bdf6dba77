package app.rapport.outreach;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.plugin.PluginJars;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A third party's outreach rule, compiled and jarred here exactly as the README tells a plugin
 * author to, dropped in the plugin directory and picked up at start with no rebuild of the service.
 * No @MicronautTest: the application context must be built on the plugin class loader, as
 * {@code RapportApplication.run} builds it from {@code RAPPORT_PLUGIN_DIR}.
 */
class PluginJarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String RULE_SOURCE = """
            package com.example.rapport;

            import app.rapport.outreach.domain.OutreachChannel;
            import app.rapport.outreach.domain.TaskType;
            import app.rapport.outreach.plugin.OutreachEvent;
            import app.rapport.outreach.plugin.OutreachFacts;
            import app.rapport.outreach.plugin.OutreachRule;
            import app.rapport.outreach.plugin.TaskProposal;
            import app.rapport.platform.events.EventTypes;
            import jakarta.inject.Singleton;

            import java.util.List;
            import java.util.Set;

            /** Ten days after a referral, call the referring office to ask how the patient is doing. */
            @Singleton
            public class FollowUpCallRule implements OutreachRule {
                public String name() { return "follow-up-call"; }
                public String ruleName() { return "FollowUpCall"; }
                public String description() { return "Call the referring office ten days after each referral"; }
                public Set<String> eventTypes() { return Set.of(EventTypes.REFERRAL_RECEIVED); }

                public List<TaskProposal> onEvent(OutreachEvent event, OutreachFacts facts) {
                    var referral = event.referral();
                    return List.of(TaskProposal.open(TaskType.CHECK_IN, referral.practitionerId(),
                            referral.referralId(), OutreachChannel.PHONE, referral.occurredOn().plusDays(10),
                            referral.referralId(), "Ask the referring office how the patient is settling in"));
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void aRuleJarDroppedInThePluginDirectoryIsListedAndActsWithNoRebuild() throws Exception {
        Path pluginDir = Files.createDirectories(work.resolve("plugins"));
        Path jar = buildPluginJar(pluginDir.resolve("follow-up-call-rule.jar"));
        assertThat(jar).exists();

        Map<String, Object> props = new HashMap<>(RapportTestProperties.forService("outreach_plugin"));
        props.put("micronaut.server.port", -1);
        props.put("rapport.outreach.check-initial-delay", "1h");
        ClassLoader loader = PluginJars.classLoader(PluginJars.find(pluginDir.toString()), getClass().getClassLoader());
        try (ApplicationContext context = ApplicationContext.builder().classLoader(loader).properties(props).start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            try (HttpClient http = HttpClient.create(server.getURL())) {
                String clinic = TestClinics.unique("seattle-downtown");
                JsonNode plugins = JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/plugins?size=50")
                        .header("Authorization", TestTokens.bearer(clinic, "staff"))));
                JsonNode listed = null;
                for (JsonNode p : plugins.get("items")) {
                    if (p.get("name").asText().equals("follow-up-call")) {
                        listed = p;
                    }
                }
                assertThat(listed).as("the plugin is listed").isNotNull();
                assertThat(listed.get("source").asText()).isEqualTo("follow-up-call-rule.jar");
                assertThat(listed.get("extensionPoint").asText()).isEqualTo("outreach-rule");
                assertThat(listed.get("version").asText()).isEqualTo("1.2.0");
                assertThat(listed.get("enabled").asBoolean()).isTrue();
                // the built-in rules and channels are plugins beside it
                List<String> names = plugins.get("items").findValuesAsText("name");
                assertThat(names).contains("thank-you", "repeat-referrer", "dormant", "reverse-referral",
                        "weekly-new-practitioner", "educate-by-example", "email", "printed-card", "phone-script");

                String partner = UUID.randomUUID().toString();
                EventEnvelope received = GoldenSamples.event("ReferralReceived.v2", clinic, Map.of(
                        "b3cdda68-69ae-4307-b051-9c4ec24c51ae", UUID.randomUUID().toString(),
                        "3c659de6-c9d5-48e0-8306-d57f7893908f", partner));
                KafkaProbe.send(Topics.REFERRALS, received);
                // until the plugin's task is there: an empty list is an answer too, not the task
                await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(http.toBlocking().retrieve(
                        HttpRequest.GET("/api/v1/tasks?type=CHECK_IN&practitionerId=" + partner)
                                .header("Authorization", TestTokens.bearer(clinic, "staff")))).path("items").size() > 0);
                JsonNode task = JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/tasks?type=CHECK_IN")
                        .header("Authorization", TestTokens.bearer(clinic, "staff")))).get("items").get(0);
                assertThat(task.get("rule").asText()).isEqualTo("FollowUpCall");
                assertThat(task.get("dueOn").asText()).isEqualTo("2025-03-13");
                assertThat(task.get("channel").asText()).isEqualTo("PHONE");
            }
        }
    }

    /** Compiles the rule with Micronaut's annotation processor (it writes the bean definitions) and jars it. */
    private Path buildPluginJar(Path jar) throws IOException {
        Path src = Files.createDirectories(work.resolve("src/com/example/rapport"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path source = src.resolve("FollowUpCallRule.java");
        Files.writeString(source, RULE_SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // Surefire runs tests from a manifest-only jar; it names the real test class path here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-classpath", classpath, "-processorpath", classpath,
                "-d", classes.toString(), "--release", "17", source.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        try (Stream<Path> generated = Files.walk(classes)) {
            assertThat(generated.map(Path::toString)).as("Micronaut wrote the bean definition")
                    .anyMatch(f -> f.contains("META-INF/micronaut"));
        }

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            // Directory entries too, as the jar tool writes them: Micronaut finds bean definitions by
            // listing the META-INF/micronaut/... directory, which a jar without them does not have.
            for (Path f : files.filter(f -> !f.equals(classes)).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                zip.putNextEntry(new JarEntry(Files.isDirectory(f) ? name + "/" : name));
                if (Files.isRegularFile(f)) {
                    zip.write(Files.readAllBytes(f));
                }
                zip.closeEntry();
            }
        }
        return jar;
    }
}
