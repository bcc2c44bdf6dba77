package app.rapport.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The repository's Kubernetes manifests as the cluster would receive them. */
final class Manifests {

    static final List<String> SERVICES =
            List.of("contacts-service", "referrals-service", "outreach-service", "reports-service");
    static final String CONSOLE = "console";
    /** Rapport's own images: the four services and the console. */
    static final List<String> APPS =
            List.of("contacts-service", "referrals-service", "outreach-service", "reports-service", CONSOLE);
    /** The development identity provider (../../keycloak, dev overlay only). */
    static final String KEYCLOAK = "keycloak";

    private final List<Map<String, Object>> objects;

    private Manifests(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** The repository root: the first parent of the working directory that holds deploy/k8s. */
    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/k8s/overlays")) && Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("No repository root (with deploy/k8s/overlays) above " + dir);
    }

    /** {@code kubectl kustomize deploy/k8s/overlays/<overlay>}, parsed. */
    static Manifests render(String overlay) throws IOException, InterruptedException {
        Path dir = repoRoot().resolve("deploy/k8s/overlays").resolve(overlay);
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("kubectl (1.27 or later, with built-in kustomize) must be on the PATH to render "
                    + dir + "; install it or run this build where CI runs: " + e.getMessage(), e);
        }
        byte[] out;
        byte[] err;
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + new String(err, StandardCharsets.UTF_8));
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (doc != null) {
                objects.add((Map<String, Object>) doc);
            }
        }
        return new Manifests(objects);
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(str(o, "metadata.name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered overlay"));
    }

    // ---- tree navigation: "a.b.c" through maps, "[n]" never needed by callers

    static Object at(Object node, String path) {
        Object cur = node;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    /** Like {@link #at} but for keys that contain dots themselves (labels, Kafka settings). */
    static Object child(Object node, String key) {
        return node instanceof Map<?, ?> m ? m.get(key) : null;
    }

    static String str(Object node, String path) {
        Object v = at(node, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String path) {
        Object v = at(node, path);
        return v instanceof List<?> ? (List<Map<String, Object>>) v : List.of();
    }

    /** Whether a label selector's matchLabels all appear in {@code labels}. */
    static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return matchLabels.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))));
    }
}
