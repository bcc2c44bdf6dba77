package app.rapport.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.rapport.deploy.Manifests.at;
import static app.rapport.deploy.Manifests.list;
import static app.rapport.deploy.Manifests.map;
import static app.rapport.deploy.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens each service's image and the console's as Jib assembled it offline at package time
 * ({@code <service>/target/jib-image.tar}, on an empty base; the real build puts the same layers
 * on the pinned JRE) and checks what Kubernetes and compose rely on: the name, the entrypoint
 * and main class, the non-root user, port 8080, and the layers.
 */
class ServiceImageTest {

    private static final Yaml JSON = new Yaml(new LoaderOptions());

    @ParameterizedTest
    @ValueSource(strings = {"contacts-service", "referrals-service", "outreach-service", "reports-service", "console"})
    @SuppressWarnings("unchecked")
    void theServiceImageRunsItsMainClassAsNonRootOnPort8080(String service) throws Exception {
        Path root = Manifests.repoRoot();
        Path tar = root.resolve(service).resolve("target/jib-image.tar");
        assertThat(tar).as("%s is missing: package the services first (./mvnw -pl %s package -DskipTests)", tar, service)
                .exists();
        Map<String, byte[]> image;
        try (InputStream in = Files.newInputStream(tar)) {
            image = ImageTar.read(in);
        }

        List<Map<String, Object>> manifest = (List<Map<String, Object>>) JSON.load(utf8(image.get("manifest.json")));
        assertThat(manifest).hasSize(1);
        String version = System.getProperty("rapport.version", "0.1.0-SNAPSHOT");
        assertThat((List<String>) manifest.get(0).get("RepoTags")).as("image name")
                .containsExactly("rapport/" + service + ":" + version);
        Map<String, Object> config = JSON.load(utf8(image.get(str(manifest.get(0), "Config"))));

        String mainClass = mainClassOf(root.resolve(service).resolve("pom.xml"));
        List<String> entrypoint = (List<String>) at(config, "config.Entrypoint");
        assertThat(entrypoint).as("entrypoint").startsWith("java").endsWith(mainClass);
        assertThat(entrypoint).as("JVM sized to the container")
                .anySatisfy(a -> assertThat(a).matches("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?"))
                .contains("-Djava.io.tmpdir=/tmp");
        assertThat(str(config, "config.User")).as("user").isEqualTo("65532:65532");
        assertThat(map(config, "config.ExposedPorts")).as("ports").containsOnlyKeys("8080/tcp");
        assertThat((List<String>) at(config, "config.Env")).as("env").contains("RAPPORT_HTTP_PORT=8080");

        // Layers, cheapest-to-change last, so a code change pushes only the classes layer.
        List<String> comments = new ArrayList<>();
        for (Map<String, Object> h : list(config, "history")) {
            if (!Boolean.TRUE.equals(h.get("empty_layer"))) {
                comments.add(str(h, "comment"));
            }
        }
        List<String> layerFiles = (List<String>) manifest.get(0).get("Layers");
        assertThat(comments).as("layers").hasSameSizeAs(layerFiles)
                .containsSubsequence("dependencies", "resources", "classes");
        Map<String, Map<String, byte[]>> layers = new LinkedHashMap<>();
        for (int i = 0; i < layerFiles.size(); i++) {
            layers.put(comments.get(i), ImageTar.readGzipped(image.get(layerFiles.get(i))));
        }
        assertThat(layers.get("dependencies").keySet()).as("dependencies layer")
                .anyMatch(n -> n.matches("/?app/libs/micronaut-http-server-netty-.*\\.jar"))
                .allMatch(n -> n.startsWith("app/") || n.startsWith("/app/"));
        // The console builds on no platform library: it owns no database and consumes no events.
        boolean onPlatform = !service.equals(Manifests.CONSOLE);
        // In a full reactor build the platform is a "project dependency"; built alone against the
        // installed platform it is a "snapshot dependency". Either way it has a layer of its own.
        Map<String, byte[]> platformLayer = layers.containsKey("project dependencies")
                ? layers.get("project dependencies") : layers.get("snapshot dependencies");
        if (onPlatform) {
            assertThat(platformLayer).as("a layer for the platform, rebuilt with the service").isNotNull();
            assertThat(platformLayer.keySet()).as("the platform, rebuilt with the service")
                    .anyMatch(n -> n.matches("/?app/libs/platform-.*\\.jar"));
        }
        assertThat(layers.get("resources").keySet()).as("resources layer")
                .anyMatch(n -> n.matches("/?app/resources/application\\.yml"));
        String mainClassFile = "app/classes/" + mainClass.replace('.', '/') + ".class";
        assertThat(layers.get("classes").keySet()).as("classes layer")
                .anyMatch(n -> n.equals(mainClassFile) || n.equals("/" + mainClassFile))
                .noneMatch(n -> n.endsWith("Test.class"));
        String classpath = layers.values().stream()
                .flatMap(l -> l.entrySet().stream())
                .filter(e -> e.getKey().endsWith("app/jib-classpath-file"))
                .map(e -> utf8(e.getValue())).findFirst().orElseThrow();
        assertThat(classpath).as("classpath").contains("/app/classes", "/app/resources");
        if (onPlatform) {
            assertThat(classpath).as("classpath").contains("/app/libs/platform-");
        }
    }

    private static String mainClassOf(Path pom) throws Exception {
        Matcher m = Pattern.compile("<exec\\.mainClass>([^<]+)</exec\\.mainClass>").matcher(Files.readString(pom));
        assertThat(m.find()).as("exec.mainClass in %s", pom).isTrue();
        return m.group(1).trim();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
