package app.rapport.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static app.rapport.deploy.Manifests.CONSOLE;
import static app.rapport.deploy.Manifests.KEYCLOAK;
import static app.rapport.deploy.Manifests.SERVICES;
import static app.rapport.deploy.Manifests.at;
import static app.rapport.deploy.Manifests.child;
import static app.rapport.deploy.Manifests.list;
import static app.rapport.deploy.Manifests.map;
import static app.rapport.deploy.Manifests.selects;
import static app.rapport.deploy.Manifests.str;
import static app.rapport.deploy.OverlayRenderTest.container;
import static app.rapport.deploy.OverlayRenderTest.containerPort;
import static app.rapport.deploy.OverlayRenderTest.egressBeyondTheCluster;
import static app.rapport.deploy.OverlayRenderTest.podLabels;
import static app.rapport.deploy.OverlayRenderTest.policiesOf;
import static app.rapport.deploy.OverlayRenderTest.ports;
import static app.rapport.deploy.OverlayRenderTest.rendered;
import static app.rapport.deploy.OverlayRenderTest.rules;
import static app.rapport.deploy.OverlayRenderTest.settings;
import static app.rapport.deploy.OverlayRenderTest.sources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How people sign in once deployed: the public host reaches the console and nothing else, the
 * console discovers the identity provider the services take their keys from, its secrets come
 * from Secrets, and (dev) Keycloak imports the repository's realm, issues tokens under the URL
 * the browser uses and redirects back to the console's public host.
 */
class ConsoleAndIdentityProviderTest {

    private static final Path REALM = Manifests.repoRoot().resolve("deploy/keycloak/rapport-realm.json");

    @Test
    void kustomizeReadsAnExactCopyOfTheRealmFile() throws Exception {
        Path copy = Manifests.repoRoot().resolve("deploy/k8s/keycloak/rapport-realm.json");
        assertThat(Files.readString(copy, StandardCharsets.UTF_8))
                .as("%s differs from %s: cp deploy/keycloak/rapport-realm.json deploy/k8s/keycloak/", copy, REALM)
                .isEqualTo(Files.readString(REALM, StandardCharsets.UTF_8));
    }

    @Test
    void devKeycloakImportsTheRealmFromItsConfigMap() throws Exception {
        Manifests m = rendered("dev");
        Map<String, Object> kc = m.get("Deployment", KEYCLOAK);
        Map<String, Object> c = container(kc);
        assertThat(str(c, "image")).as("the image docker-compose.yml runs").isEqualTo(composeImage(KEYCLOAK));
        assertThat((List<Object>) at(c, "args")).contains("start-dev", "--import-realm");

        Map<String, Object> mount = list(c, "volumeMounts").stream()
                .filter(v -> "/opt/keycloak/data/import".equals(v.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted on Keycloak's import directory"));
        Map<String, Object> volume = list(kc, "spec.template.spec.volumes").stream()
                .filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        Map<String, Object> realm = m.get("ConfigMap", str(volume, "configMap.name"));
        assertThat(map(realm, "data")).containsOnlyKeys("rapport-realm.json");
        assertThat(String.valueOf(map(realm, "data").get("rapport-realm.json")))
                .as("the realm the cluster imports is deploy/keycloak/rapport-realm.json")
                .isEqualTo(Files.readString(REALM, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void devKeycloakIssuesUnderTheBrowsersUrlAndSendsPeopleBackToTheConsole() throws Exception {
        Manifests m = rendered("dev");
        Map<String, Object> c = container(m.get("Deployment", KEYCLOAK));
        Map<String, String> env = new HashMap<>();
        Map<String, String> secretRefs = new HashMap<>();
        for (Map<String, Object> e : list(c, "env")) {
            if (e.get("value") != null) {
                env.put(str(e, "name"), str(e, "value"));
            }
            if (str(e, "valueFrom.secretKeyRef.name") != null) {
                secretRefs.put(str(e, "name"), str(e, "valueFrom.secretKeyRef.name") + "/" + str(e, "valueFrom.secretKeyRef.key"));
            }
        }
        // The tokens' issuer is the sign-in host the browser is sent to ...
        assertThat(env.get("KC_HOSTNAME")).isEqualTo("http://" + ingressHost(m, KEYCLOAK));
        // ... while the console's back-channel calls to http://keycloak get in-cluster endpoints.
        assertThat(env).containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true").containsEntry("KC_HEALTH_ENABLED", "true");
        URI discovered = URI.create(settings(m, m.get("Deployment", CONSOLE)).get("RAPPORT_OIDC_ISSUER"));
        Map<String, Object> service = m.get("Service", discovered.getHost());
        assertThat(selects(map(service, "spec.selector"), podLabels(m.get("Deployment", KEYCLOAK))))
                .as("the console discovers the Keycloak pods").isTrue();
        assertThat(discovered.getPath()).isEqualTo("/realms/rapport");
        // The realm's redirect URI placeholder is the console's public host.
        assertThat(env.get("RAPPORT_CONSOLE_URL")).isEqualTo("http://" + ingressHost(m, CONSOLE));
        assertThat(Files.readString(REALM)).contains("${RAPPORT_CONSOLE_URL:");

        // The console presents the secret Keycloak imports for its client, from the same Secret.
        Map<String, String> consoleSecrets = new HashMap<>();
        for (Map<String, Object> e : list(container(m.get("Deployment", CONSOLE)), "env")) {
            if (str(e, "valueFrom.secretKeyRef.name") != null) {
                consoleSecrets.put(str(e, "name"), str(e, "valueFrom.secretKeyRef.name") + "/" + str(e, "valueFrom.secretKeyRef.key"));
            }
        }
        assertThat(secretRefs.get("RAPPORT_OIDC_CLIENT_SECRET")).isEqualTo(consoleSecrets.get("RAPPORT_OIDC_CLIENT_SECRET"));
        assertThat(secretRefs).containsEntry("KC_BOOTSTRAP_ADMIN_USERNAME", "keycloak-admin/username")
                .containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "keycloak-admin/password");
        assertThat(secret(m, "rapport-console-oidc", "client-secret")).as("dev: the realm file's development secret")
                .isEqualTo("rapport-console-dev-secret");
        assertThat(secret(m, "rapport-console-session", "secret").getBytes(StandardCharsets.UTF_8).length)
                .as("session secret bytes").isGreaterThanOrEqualTo(32);
        assertThat(secret(m, "keycloak-admin", "password")).isNotBlank();

        // Probes on the management port; locked down apart from its writable installation.
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(str(c, probe + ".httpGet.path")).as(probe).startsWith("/health/");
            assertThat(containerPort(c, at(c, probe + ".httpGet.port"))).as(probe + " port").isEqualTo(9000);
        }
        assertThat(at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat((List<Object>) at(c, "securityContext.capabilities.drop")).contains("ALL");
        assertThat(at(m.get("Deployment", KEYCLOAK), "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleCallsTheFourServicesAndTheServicesTrustItsProvider(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        Map<String, String> console = settings(m, m.get("Deployment", CONSOLE));
        for (String s : SERVICES) {
            String var = "RAPPORT_" + s.replace("-service", "").toUpperCase() + "_URL";
            URI url = URI.create(console.get(var));
            Map<String, Object> service = m.get("Service", url.getHost());
            assertThat(selects(map(service, "spec.selector"), podLabels(m.get("Deployment", s)))).as("%s reaches %s", var, s).isTrue();
            assertThat(url.getPort() == -1 ? 80 : url.getPort()).as("%s port", var)
                    .isEqualTo(((Number) list(service, "spec.ports").get(0).get("port")).intValue());
            // The services take the keys of the provider the console signs people in at.
            assertThat(settings(m, m.get("Deployment", s)).get("RAPPORT_OIDC_JWKS_URL")).as("%s JWKS", s)
                    .isEqualTo(console.get("RAPPORT_OIDC_ISSUER") + "/protocol/openid-connect/certs");
            // ...and accept only the issuer its tokens name: Keycloak's browser URL where it runs here,
            // the group's provider in prod (ADR 0008); a back-channel host would refuse every sign-in.
            String issuer = m.find("Deployment", KEYCLOAK).isPresent()
                    ? "http://" + ingressHost(m, KEYCLOAK) + "/realms/rapport" : console.get("RAPPORT_OIDC_ISSUER");
            assertThat(settings(m, m.get("Deployment", s)).get("RAPPORT_OIDC_ISSUER")).as("%s issuer", s).isEqualTo(issuer);
        }
        assertThat(console).containsEntry("RAPPORT_OIDC_CLIENT_ID", "rapport-console").containsEntry("RAPPORT_HTTP_PORT", "8080");
        if (overlay.equals("prod")) {
            assertThat(console.get("RAPPORT_OIDC_ISSUER")).as("prod: the group's provider, over HTTPS").startsWith("https://");
            assertThat(m.find("Deployment", KEYCLOAK)).as("no development Keycloak in prod").isEmpty();
            for (String secret : List.of("rapport-console-oidc", "rapport-console-session", "keycloak-admin")) {
                assertThat(m.find("Secret", secret)).as("prod must not carry Secret values (%s)", secret).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePublicHostServesTheConsoleAndNoServiceApi(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        Set<String> backends = new TreeSet<>();
        for (Map<String, Object> ingress : m.ofKind("Ingress")) {
            for (Map<String, Object> rule : list(ingress, "spec.rules")) {
                for (Map<String, Object> path : list(rule, "http.paths")) {
                    backends.add(str(path, "backend.service.name"));
                    if (KEYCLOAK.equals(str(path, "backend.service.name"))) {
                        assertThat(str(path, "path")).as("Keycloak's admin console stays inside").doesNotStartWith("/admin");
                    }
                }
            }
        }
        assertThat(backends).as("what the Ingresses expose")
                .containsExactlyInAnyOrderElementsOf(overlay.equals("dev") ? List.of(CONSOLE, KEYCLOAK) : List.of(CONSOLE));
        Map<String, Object> consoleIngress = m.get("Ingress", CONSOLE);
        List<Map<String, Object>> rules = list(consoleIngress, "spec.rules");
        assertThat(rules).hasSize(1);
        assertThat(list(rules.get(0), "http.paths")).singleElement().satisfies(p -> {
            assertThat(str(p, "path")).isEqualTo("/");
            assertThat(containerPort(container(m.get("Deployment", CONSOLE)), servicePort(m, CONSOLE, at(p, "backend.service.port"))))
                    .isEqualTo(8080);
        });
        if (overlay.equals("prod")) {
            List<Map<String, Object>> tls = list(consoleIngress, "spec.tls");
            assertThat(tls).as("prod: TLS on the public host").singleElement()
                    .satisfies(t -> assertThat((List<Object>) t.get("hosts")).containsExactly(str(rules.get(0), "host")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleTalksToTheServicesTheProviderAndDnsOnly(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        Map<String, Object> console = m.get("Deployment", CONSOLE);
        List<Map<String, Object>> policies = policiesOf(m, console);
        List<Map<String, Object>> egress = rules(policies, "egress");
        for (String s : SERVICES) {
            int port = containerPort(container(m.get("Deployment", s)), "http");
            assertThat(egress).as("console egress to %s", s).anySatisfy(rule -> {
                assertThat(ports(rule)).contains("TCP/" + port);
                assertThat(list(rule, "to")).anySatisfy(to ->
                        assertThat(child(map(to, "podSelector"), "matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", s)));
            });
        }
        assertThat(egress).as("console egress to Keycloak").anySatisfy(rule -> {
            assertThat(ports(rule)).contains("TCP/8080");
            assertThat(list(rule, "to")).anySatisfy(to -> assertThat(child(map(to, "podSelector"), "matchLabels"))
                    .isEqualTo(Map.of("app.kubernetes.io/name", KEYCLOAK)));
        });
        assertThat(egressBeyondTheCluster(egress)).as("console egress beyond the cluster")
                .containsExactlyInAnyOrderElementsOf(overlay.equals("prod") ? List.of("TCP/443") : List.of());
        // no database, no Kafka
        assertThat(egress).allSatisfy(rule -> assertThat(list(rule, "to")).noneSatisfy(to ->
                assertThat(map(to, "podSelector.matchLabels").keySet()).anyMatch(k -> k.startsWith("strimzi.io") || k.startsWith("mysql."))));
        assertThat(sources(rules(policies, "ingress"))).as("who reaches the console")
                .containsExactly("namespace ingress-nginx");

        if (overlay.equals("dev")) {
            List<Map<String, Object>> kcPolicies = policiesOf(m, m.get("Deployment", KEYCLOAK));
            Set<String> callers = new TreeSet<>(List.of("namespace ingress-nginx", "pods app.kubernetes.io/name=console"));
            SERVICES.forEach(s -> callers.add("pods app.kubernetes.io/name=" + s));
            assertThat(sources(rules(kcPolicies, "ingress"))).as("who reaches Keycloak").isEqualTo(callers);
            assertThat(rules(kcPolicies, "egress")).as("Keycloak's egress: DNS only").singleElement()
                    .satisfies(rule -> assertThat(ports(rule)).containsExactlyInAnyOrder("UDP/53", "TCP/53"));
        }
    }

    /** The target port of the Service port an Ingress backend names ({@code name:} or {@code number:}). */
    private static Object servicePort(Manifests m, String service, Object backendPort) {
        Object name = child(backendPort, "name");
        Object number = child(backendPort, "number");
        return list(m.get("Service", service), "spec.ports").stream()
                .filter(p -> name != null ? name.equals(p.get("name")) : String.valueOf(number).equals(String.valueOf(p.get("port"))))
                .map(p -> p.get("targetPort"))
                .findFirst().orElseThrow(() -> new AssertionError("Service " + service + " has no port " + backendPort));
    }

    private static String ingressHost(Manifests m, String ingress) {
        List<Map<String, Object>> rules = list(m.get("Ingress", ingress), "spec.rules");
        assertThat(rules).as("Ingress %s rules", ingress).hasSize(1);
        return str(rules.get(0), "host");
    }

    private static String secret(Manifests m, String name, String key) {
        Object b64 = child(map(m.get("Secret", name), "data"), key);
        assertThat(b64).as("Secret %s key %s", name, key).isNotNull();
        // kustomize wraps long values over lines: the MIME decoder skips the line breaks
        return new String(Base64.getMimeDecoder().decode(String.valueOf(b64)), StandardCharsets.UTF_8);
    }

    private static String composeImage(String service) throws Exception {
        Map<String, Object> compose = new Yaml(new LoaderOptions())
                .load(Files.readString(Manifests.repoRoot().resolve("docker-compose.yml")));
        return str(child(map(compose, "services"), service), "image");
    }
}
