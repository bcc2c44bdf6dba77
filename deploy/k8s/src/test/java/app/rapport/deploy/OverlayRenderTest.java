package app.rapport.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.rapport.deploy.Manifests.APPS;
import static app.rapport.deploy.Manifests.CONSOLE;
import static app.rapport.deploy.Manifests.KEYCLOAK;
import static app.rapport.deploy.Manifests.SERVICES;
import static app.rapport.deploy.Manifests.at;
import static app.rapport.deploy.Manifests.child;
import static app.rapport.deploy.Manifests.list;
import static app.rapport.deploy.Manifests.map;
import static app.rapport.deploy.Manifests.selects;
import static app.rapport.deploy.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every overlay with {@code kubectl kustomize} and checks what the ops team relies on
 * for each service and the console: zero-downtime rollouts, health probes, sizes, a locked-down
 * container, its own account, settings, secrets, autoscaler, disruption budget and network
 * policy; and that Kafka and MySQL are wired to the services as the platform expects. The
 * console's sign-in wiring and Keycloak: {@link ConsoleAndIdentityProviderTest}.
 */
class OverlayRenderTest {

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    /** Health and metrics, apart from the API (ENDPOINTS_ALL_PORT). */
    static final int MANAGEMENT_PORT = 8085;

    static Manifests rendered(String overlay) throws IOException, InterruptedException {
        Manifests m = RENDERED.get(overlay);
        if (m == null) {
            m = Manifests.render(overlay);
            RENDERED.put(overlay, m);
        }
        return m;
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(deployment, "spec.template.spec.containers");
        assertThat(containers).as("containers of %s", str(deployment, "metadata.name")).hasSize(1);
        return containers.get(0);
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(deployment, "spec.template.metadata.labels");
    }

    /** The service's settings: its ConfigMap (through envFrom) and literal env values. */
    static Map<String, String> settings(Manifests m, Map<String, Object> deployment) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> from : list(container(deployment), "envFrom")) {
            String cm = str(from, "configMapRef.name");
            if (cm != null) {
                map(m.get("ConfigMap", cm), "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> e : list(container(deployment), "env")) {
            if (e.get("value") != null) {
                env.put(str(e, "name"), str(e, "value"));
            }
        }
        return env;
    }

    /** The Deployments of Rapport's own images (the services and the console). */
    private static List<Map<String, Object>> apps(Manifests m) {
        return APPS.stream().map(name -> m.get("Deployment", name)).toList();
    }

    private static List<Map<String, Object>> services(Manifests m) {
        return SERVICES.stream().map(name -> m.get("Deployment", name)).toList();
    }

    static int replicas(Map<String, Object> deployment) {
        return ((Number) at(deployment, "spec.replicas")).intValue();
    }

    static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return list(container, "ports").stream()
                .filter(p -> String.valueOf(port).equals(str(p, "name")))
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceAndTheConsoleIsDeployedOnceAndOnly(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        List<String> expected = new ArrayList<>(APPS);
        if (overlay.equals("dev")) {
            expected.add(KEYCLOAK); // prod signs in at the clinic group's own provider
        }
        assertThat(m.ofKind("Deployment")).extracting(d -> str(d, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(m.all()).allSatisfy(o -> assertThat(str(o, "metadata.namespace"))
                .as("namespace of %s %s", o.get("kind"), str(o, "metadata.name"))
                .isIn(null, overlay.equals("prod") ? "rapport" : "rapport-dev"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rolloutsNeverTakeAServiceDownAndProbesWatchHealth(String overlay) throws Exception {
        for (Map<String, Object> d : rendered(overlay).ofKind("Deployment")) {
            if (str(d, "metadata.name").equals(KEYCLOAK)) {
                continue; // its own probes: ConsoleAndIdentityProviderTest
            }
            String name = str(d, "metadata.name");
            assertThat(str(d, "spec.strategy.type")).as("%s strategy", name).isEqualTo("RollingUpdate");
            assertThat(str(d, "spec.strategy.rollingUpdate.maxUnavailable")).as("%s maxUnavailable", name).isEqualTo("0");
            Map<String, Object> c = container(d);
            assertThat(str(c, "startupProbe.httpGet.path")).as("%s startup probe", name).startsWith("/health");
            assertThat(str(c, "livenessProbe.httpGet.path")).as("%s liveness probe", name).isEqualTo("/health/liveness");
            assertThat(str(c, "readinessProbe.httpGet.path")).as("%s readiness probe", name).isEqualTo("/health/readiness");
            // Probes read health on the management port: the API port does not serve it (ADR 0008).
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(containerPort(c, at(c, probe + ".httpGet.port"))).as("%s %s port", name, probe).isEqualTo(MANAGEMENT_PORT);
            }
            assertThat(settings(rendered(overlay), d)).as("%s settings", name).containsEntry("ENDPOINTS_ALL_PORT", String.valueOf(MANAGEMENT_PORT));
            // The startup probe must outlast Flyway migrations before liveness may kill the pod.
            int startupSeconds = ((Number) at(c, "startupProbe.periodSeconds")).intValue()
                    * ((Number) at(c, "startupProbe.failureThreshold")).intValue();
            assertThat(startupSeconds).as("%s startup allowance (s)", name).isGreaterThanOrEqualTo(120);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void everyContainerIsSizedAndLockedDown(String overlay) throws Exception {
        for (Map<String, Object> d : rendered(overlay).ofKind("Deployment")) {
            String name = str(d, "metadata.name");
            Map<String, Object> c = container(d);
            for (String r : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                assertThat(str(c, "resources." + r)).as("%s resources.%s", name, r).isNotBlank();
            }
            Object podNonRoot = at(d, "spec.template.spec.securityContext.runAsNonRoot");
            Object containerNonRoot = at(c, "securityContext.runAsNonRoot");
            assertThat(Boolean.TRUE.equals(containerNonRoot) || (Boolean.TRUE.equals(podNonRoot) && containerNonRoot == null))
                    .as("%s runAsNonRoot", name).isTrue();
            // Keycloak's development mode builds itself into its installation at start (dev only).
            assertThat(at(c, "securityContext.readOnlyRootFilesystem")).as("%s readOnlyRootFilesystem", name)
                    .isEqualTo(!name.equals(KEYCLOAK));
            assertThat(at(c, "securityContext.allowPrivilegeEscalation")).as("%s allowPrivilegeEscalation", name).isEqualTo(false);
            assertThat((List<Object>) at(c, "securityContext.capabilities.drop")).as("%s capabilities.drop", name).contains("ALL");
            assertThat((List<Object>) at(c, "securityContext.capabilities.add")).as("%s capabilities.add", name).isNull();

            Map<String, Object> tmp = list(c, "volumeMounts").stream()
                    .filter(v -> "/tmp".equals(v.get("mountPath"))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " mounts nothing on /tmp"));
            Map<String, Object> volume = list(d, "spec.template.spec.volumes").stream()
                    .filter(v -> tmp.get("name").equals(v.get("name"))).findFirst().orElseThrow();
            assertThat(volume).as("%s /tmp volume", name).containsKey("emptyDir");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsItsOwnImageUnderTheComposeName(String overlay) throws Exception {
        Map<String, String> composeImages = composeImages();
        assertThat(composeImages).containsKeys(APPS.toArray(String[]::new));
        String version = System.getProperty("rapport.version");
        for (Map<String, Object> d : apps(rendered(overlay))) {
            String name = str(d, "metadata.name");
            String image = str(container(d), "image");
            assertThat(image).as("%s image", name).matches("([a-z0-9.-]+(:[0-9]+)?/)*rapport/" + Pattern.quote(name) + ":.+");
            if (version != null) {
                assertThat(image).as("%s image tag (what Jib builds)", name).endsWith(":" + version);
            }
            if (composeImages.containsKey(name)) {
                String composeName = composeImages.get(name).replaceFirst(":[^/:]+$", "");
                assertThat(image.replaceFirst(":[^/:]+$", "")).as("%s image vs docker-compose.yml", name).endsWith(composeName);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> composeImages() throws IOException {
        Path compose = Manifests.repoRoot().resolve("docker-compose.yml");
        Map<String, String> images = new HashMap<>();
        if (Files.exists(compose)) {
            Map<String, Object> doc = new Yaml(new LoaderOptions()).load(Files.readString(compose));
            map(doc, "services").forEach((svc, def) -> {
                Object image = child(def, "image");
                if (image != null && APPS.contains(svc)) {
                    images.put(svc, image.toString());
                }
            });
        }
        return images;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsAccountSettingsSecretsAutoscalerAndService(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        for (Map<String, Object> d : apps(m)) {
            String name = str(d, "metadata.name");
            Map<String, Object> c = container(d);
            boolean console = name.equals(CONSOLE);

            String account = str(d, "spec.template.spec.serviceAccountName");
            assertThat(account).as("%s service account", name).isEqualTo(name);
            assertThat(m.find("ServiceAccount", account)).as("ServiceAccount %s", account).isPresent();
            assertThat(at(d, "spec.template.spec.automountServiceAccountToken")).as("%s API token", name).isEqualTo(false);

            Map<String, String> settings = settings(m, d);
            if (!console) {
                assertThat(settings).as("%s settings", name)
                        .containsKeys("RAPPORT_DB_URL", "RAPPORT_KAFKA_BOOTSTRAP", "RAPPORT_OIDC_JWKS_URL")
                        .containsEntry("RAPPORT_KAFKA_CREATE_TOPICS", "false");
            } else {
                // no database and no Kafka: everything through the services' APIs
                assertThat(settings).as("console settings").doesNotContainKeys("RAPPORT_DB_URL", "RAPPORT_KAFKA_BOOTSTRAP")
                        .containsKeys("RAPPORT_OIDC_ISSUER", "RAPPORT_OIDC_CLIENT_ID");
            }
            if (!console) {
                assertThat(settings.get("JAVA_TOOL_OPTIONS")).as("%s JSON logs", name)
                        .contains("-Dlogback.configurationFile=logback-json.xml");
            }

            Map<String, String> secretRefs = new HashMap<>();
            for (Map<String, Object> e : list(c, "env")) {
                String secret = str(e, "valueFrom.secretKeyRef.name");
                if (secret != null) {
                    secretRefs.put(str(e, "name"), secret);
                }
            }
            Map<String, String> expectedSecrets = console
                    ? Map.of("RAPPORT_OIDC_CLIENT_SECRET", "rapport-console-oidc",
                            "RAPPORT_CONSOLE_SESSION_SECRET", "rapport-console-session")
                    : Map.of("RAPPORT_DB_USER", name + "-db", "RAPPORT_DB_PASSWORD", name + "-db",
                            "RAPPORT_JWT_SECRET", "rapport-jwt");
            assertThat(secretRefs).as("%s secrets", name).containsAllEntriesOf(expectedSecrets);
            // a secret is never a literal value in the manifests
            assertThat(list(c, "env")).filteredOn(e -> String.valueOf(e.get("name")).matches(".*(SECRET|PASSWORD).*"))
                    .as("%s secrets from Secrets", name).allSatisfy(e -> assertThat(e).doesNotContainKey("value"));
            for (String secret : new TreeSet<>(expectedSecrets.values())) {
                if (overlay.equals("dev")) {
                    // dev generates its Secrets; prod expects them created beforehand (runbook).
                    assertThat(m.find("Secret", secret)).as("dev Secret %s", secret).isPresent();
                } else {
                    assertThat(m.find("Secret", secret)).as("prod must not carry Secret values (%s)", secret).isEmpty();
                }
            }

            Map<String, Object> hpa = m.get("HorizontalPodAutoscaler", name);
            assertThat(str(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat(str(hpa, "spec.scaleTargetRef.name")).isEqualTo(name);
            int min = ((Number) at(hpa, "spec.minReplicas")).intValue();
            int max = ((Number) at(hpa, "spec.maxReplicas")).intValue();
            assertThat(min).as("%s HPA min vs Deployment replicas", name).isEqualTo(replicas(d));
            assertThat(max).as("%s HPA max", name).isGreaterThanOrEqualTo(min);
            // More pods than partitions would leave consumers idle.
            for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
                if (!str(topic, "spec.topicName").endsWith(".dlt")) {
                    assertThat(max).as("%s HPA max vs partitions of %s", name, str(topic, "spec.topicName"))
                            .isLessThanOrEqualTo(((Number) at(topic, "spec.partitions")).intValue());
                }
            }

            Map<String, Object> service = m.get("Service", name);
            assertThat(selects(map(service, "spec.selector"), podLabels(d))).as("Service %s selects its pods", name).isTrue();
            // The Service carries the API alone: the management port is reached pod by pod, by Prometheus.
            assertThat(list(service, "spec.ports")).as("Service %s ports", name).singleElement()
                    .satisfies(port -> assertThat(containerPort(c, port.get("targetPort"))).as("Service %s target port", name).isEqualTo(8080));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void disruptionBudgetsKeepAPodServingWithoutBlockingDrains(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            String name = str(d, "metadata.name");
            int replicas = replicas(d);
            List<Map<String, Object>> budgets = m.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> selects(map(p, "spec.selector.matchLabels"), podLabels(d))).toList();
            if (replicas >= 2) {
                assertThat(budgets).as("PodDisruptionBudget for %s", name).hasSize(1);
            }
            for (Map<String, Object> pdb : budgets) {
                Object minAvailable = at(pdb, "spec.minAvailable");
                Object maxUnavailable = at(pdb, "spec.maxUnavailable");
                int keptServing = minAvailable != null ? ((Number) minAvailable).intValue()
                        : replicas - ((Number) maxUnavailable).intValue();
                if (replicas >= 2) {
                    assertThat(keptServing).as("%s pods kept during a drain", name).isGreaterThanOrEqualTo(1);
                }
                assertThat(keptServing).as("%s budget lets a drain proceed", name).isLessThan(replicas);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void networkPoliciesDenyAllButDnsKafkaMysqlAndTheHttpPort(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        String kafkaCluster = str(m.ofKind("Kafka").get(0), "metadata.name");
        String mysqlCluster = str(m.ofKind("InnoDBCluster").get(0), "metadata.name");
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            String name = str(d, "metadata.name");
            List<Map<String, Object>> policies = policiesOf(m, d);

            assertThat(policies).as("%s: a deny-all policy (both directions, no rules)", name).anySatisfy(p -> {
                assertThat((List<Object>) at(p, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
                assertThat(at(p, "spec.ingress")).isNull();
                assertThat(at(p, "spec.egress")).isNull();
            });

            List<Map<String, Object>> egress = new ArrayList<>();
            List<Map<String, Object>> ingress = new ArrayList<>();
            policies.forEach(p -> {
                egress.addAll(list(p, "spec.egress"));
                ingress.addAll(list(p, "spec.ingress"));
            });
            assertThat(egress).as("%s egress rules", name)
                    .allSatisfy(rule -> assertThat(list(rule, "ports")).as("every egress rule names its ports").isNotEmpty());
            assertThat(ingress).as("%s ingress rules", name).allSatisfy(rule -> {
                assertThat(list(rule, "ports")).extracting(p -> ((Number) p.get("port")).intValue()).containsAnyOf(8080, MANAGEMENT_PORT);
                assertThat(list(rule, "from")).as("ingress names its sources").isNotEmpty();
            });
            assertThat(egress).as("%s egress to cluster DNS", name).anySatisfy(rule -> {
                assertThat(ports(rule)).contains("UDP/53", "TCP/53");
                assertThat(list(rule, "to")).anySatisfy(to ->
                        assertThat(child(map(to, "podSelector"), "matchLabels")).isEqualTo(Map.of("k8s-app", "kube-dns")));
            });
            if (!SERVICES.contains(name)) {
                continue; // the console and Keycloak: ConsoleAndIdentityProviderTest
            }
            // The APIs answer the console (the only public origin), not the ingress controller; health
            // details and metrics answer Prometheus on the management port, and nobody else.
            assertThat(sources(rulesOnPort(ingress, 8080))).as("%s API callers", name)
                    .containsExactly("pods app.kubernetes.io/name=console");
            assertThat(sources(rulesOnPort(ingress, MANAGEMENT_PORT))).as("%s management callers", name)
                    .containsExactly("namespace monitoring");
            assertThat(settings(m, d)).as("%s API docs outside the local environment", name)
                    .containsEntry("MICRONAUT_ROUTER_STATIC_RESOURCES_SWAGGER_ENABLED", "false")
                    .containsEntry("MICRONAUT_ROUTER_STATIC_RESOURCES_SWAGGER_UI_ENABLED", "false");
            assertThat(egress).as("%s egress to the identity provider's JWKS", name).anySatisfy(rule -> {
                assertThat(ports(rule)).contains("TCP/8080");
                assertThat(list(rule, "to")).anySatisfy(to -> assertThat(child(map(to, "podSelector"), "matchLabels"))
                        .isEqualTo(Map.of("app.kubernetes.io/name", KEYCLOAK)));
            });

            String bootstrap = settings(m, d).get("RAPPORT_KAFKA_BOOTSTRAP");
            Matcher kafka = Pattern.compile("([a-z0-9-]+)-kafka-bootstrap(\\.[a-z0-9.-]+)?:(\\d+)").matcher(bootstrap);
            assertThat(kafka.matches()).as("%s Kafka bootstrap %s", name, bootstrap).isTrue();
            assertThat(kafka.group(1)).as("%s Kafka cluster", name).isEqualTo(kafkaCluster);
            int kafkaPort = Integer.parseInt(kafka.group(3));
            assertThat(egress).as("%s egress to Kafka brokers on %d", name, kafkaPort).anySatisfy(rule -> {
                assertThat(ports(rule)).contains("TCP/" + kafkaPort);
                assertThat(list(rule, "to")).anySatisfy(to ->
                        assertThat(child(map(to, "podSelector"), "matchLabels"))
                                .isEqualTo(Map.of("strimzi.io/cluster", kafkaCluster, "strimzi.io/broker-role", "true")));
            });

            String dbUrl = settings(m, d).get("RAPPORT_DB_URL");
            Matcher db = Pattern.compile("jdbc:mysql://([a-z0-9-]+)(\\.[a-z0-9.-]+)?:(\\d+)/([a-z_]+)(\\?.*)?").matcher(dbUrl);
            assertThat(db.matches()).as("%s database URL %s", name, dbUrl).isTrue();
            assertThat(db.group(1)).as("%s database host", name).isEqualTo(mysqlCluster);
            assertThat(db.group(4)).as("%s has its own database", name).isEqualTo(name.replace("-service", ""));
            assertThat(egress).as("%s egress to MySQL", name).anySatisfy(rule -> {
                assertThat(ports(rule)).contains("TCP/" + db.group(3));
                assertThat(list(rule, "to")).anySatisfy(to ->
                        assertThat(child(map(to, "podSelector"), "matchLabels"))
                                .isEqualTo(Map.of("mysql.oracle.com/cluster", mysqlCluster)));
            });

            // Anything else out is mail for the services that send it and, in prod, HTTPS to the
            // clinic group's identity provider.
            Set<String> beyond = new TreeSet<>();
            if (name.equals("outreach-service") || name.equals("reports-service")) {
                beyond.addAll(List.of("TCP/25", "TCP/465", "TCP/587"));
            }
            if (overlay.equals("prod")) {
                beyond.add("TCP/443");
            }
            assertThat(egressBeyondTheCluster(egress)).as("%s egress beyond the cluster", name)
                    .containsExactlyInAnyOrderElementsOf(beyond);
        }
    }

    static List<Map<String, Object>> policiesOf(Manifests m, Map<String, Object> deployment) {
        return m.ofKind("NetworkPolicy").stream()
                .filter(p -> selects(map(p, "spec.podSelector.matchLabels"), podLabels(deployment))).toList();
    }

    static List<Map<String, Object>> rulesOnPort(List<Map<String, Object>> rules, int port) {
        return rules.stream().filter(rule -> list(rule, "ports").stream()
                .anyMatch(p -> ((Number) p.get("port")).intValue() == port)).toList();
    }

    static List<Map<String, Object>> rules(List<Map<String, Object>> policies, String direction) {
        List<Map<String, Object>> rules = new ArrayList<>();
        policies.forEach(p -> rules.addAll(list(p, "spec." + direction)));
        return rules;
    }

    static Set<String> egressBeyondTheCluster(List<Map<String, Object>> egress) {
        Set<String> other = new TreeSet<>();
        egress.forEach(rule -> {
            if (list(rule, "to").stream().anyMatch(to -> to.containsKey("ipBlock"))) {
                other.addAll(ports(rule));
            }
        });
        return other;
    }

    /** Who an ingress rule admits: "pods k=v" or "namespace name". */
    static Set<String> sources(List<Map<String, Object>> ingress) {
        Set<String> sources = new TreeSet<>();
        for (Map<String, Object> rule : ingress) {
            for (Map<String, Object> from : list(rule, "from")) {
                Map<String, Object> pods = map(from, "podSelector.matchLabels");
                Map<String, Object> namespace = map(from, "namespaceSelector.matchLabels");
                if (!namespace.isEmpty()) {
                    sources.add("namespace " + namespace.get("kubernetes.io/metadata.name"));
                } else {
                    pods.forEach((k, v) -> sources.add("pods " + k + "=" + v));
                }
            }
        }
        return sources;
    }

    static Set<String> ports(Map<String, Object> rule) {
        Set<String> ports = new TreeSet<>();
        for (Map<String, Object> p : list(rule, "ports")) {
            ports.add((p.get("protocol") == null ? "TCP" : p.get("protocol")) + "/" + p.get("port"));
        }
        return ports;
    }

    @Test
    void devRunsOnePodOfEachService() throws Exception {
        assertThat(rendered("dev").ofKind("Deployment"))
                .allSatisfy(d -> assertThat(replicas(d)).as("%s replicas", str(d, "metadata.name")).isEqualTo(1));
    }

    @Test
    void prodRunsTwoPodsOrMoreOfEachService() throws Exception {
        assertThat(apps(rendered("prod")))
                .allSatisfy(d -> assertThat(replicas(d)).as("%s replicas", str(d, "metadata.name")).isGreaterThanOrEqualTo(2));
        assertThat(rendered("prod").ofKind("HorizontalPodAutoscaler"))
                .allSatisfy(h -> assertThat(((Number) at(h, "spec.minReplicas")).intValue()).isGreaterThanOrEqualTo(2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodTalksTlsToKafkaWithEachServicesOwnCertificate() throws Exception {
        Manifests m = rendered("prod");
        Map<String, Object> kafka = m.ofKind("Kafka").get(0);
        String cluster = str(kafka, "metadata.name");
        for (Map<String, Object> d : services(m)) {
            String name = str(d, "metadata.name");
            Map<String, Object> c = container(d);
            Map<String, String> settings = settings(m, d);
            int port = Integer.parseInt(settings.get("RAPPORT_KAFKA_BOOTSTRAP").replaceFirst(".*:", ""));
            assertThat(list(kafka, "spec.kafka.listeners")).as("the listener %s uses", name).anySatisfy(l -> {
                assertThat(((Number) l.get("port")).intValue()).isEqualTo(port);
                assertThat(l.get("tls")).isEqualTo(true);
                assertThat(str(l, "authentication.type")).isEqualTo("tls");
            });
            assertThat(list(kafka, "spec.kafka.listeners")).as("no listener without TLS in prod")
                    .allSatisfy(l -> assertThat(l.get("tls")).isEqualTo(true));

            // The client settings file: mounted from a ConfigMap, named by MICRONAUT_CONFIG_FILES.
            String file = settings.get("MICRONAUT_CONFIG_FILES");
            assertThat(file).as("%s MICRONAUT_CONFIG_FILES", name).isNotBlank();
            Map<String, String> mounts = mountedVolumes(d, c);
            Path filePath = Path.of(file);
            Map<String, Object> configVolume = volumeAt(d, mounts, filePath.getParent().toString());
            Map<String, Object> configMap = m.get("ConfigMap", str(configVolume, "configMap.name"));
            Map<String, Object> clientFile = new Yaml(new LoaderOptions())
                    .load(String.valueOf(map(configMap, "data").get(filePath.getFileName().toString())));
            Map<String, Object> props = map(clientFile, "rapport.kafka.properties");
            assertThat(props).as("%s Kafka client properties", name).containsEntry("security.protocol", "SSL");

            String truststore = String.valueOf(props.get("ssl.truststore.location"));
            Map<String, Object> ca = volumeAt(d, mounts, Path.of(truststore).getParent().toString());
            assertThat(str(ca, "secret.secretName")).as("%s truststore", name).isEqualTo(cluster + "-cluster-ca-cert");
            String keystore = String.valueOf(props.get("ssl.keystore.location"));
            Map<String, Object> user = volumeAt(d, mounts, Path.of(keystore).getParent().toString());
            assertThat(str(user, "secret.secretName")).as("%s keystore: its KafkaUser's Secret", name).isEqualTo(name);
            assertThat(m.find("KafkaUser", name)).as("KafkaUser %s", name).isPresent();
            assertThat(str(m.get("KafkaUser", name), "spec.authentication.type")).isEqualTo("tls");

            // Passwords are placeholders for env vars the container takes from those Secrets.
            Map<String, String> envSecrets = new HashMap<>();
            for (Map<String, Object> e : list(c, "env")) {
                if (str(e, "valueFrom.secretKeyRef.name") != null) {
                    envSecrets.put(str(e, "name"), str(e, "valueFrom.secretKeyRef.name"));
                }
            }
            for (String key : List.of("ssl.truststore.password", "ssl.keystore.password")) {
                Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(String.valueOf(props.get(key)));
                assertThat(placeholder.matches()).as("%s %s is a placeholder", name, key).isTrue();
                assertThat(envSecrets).as("%s env for %s", name, key).containsKey(placeholder.group(1));
            }
        }
    }

    private static Map<String, String> mountedVolumes(Map<String, Object> d, Map<String, Object> c) {
        Map<String, String> mounts = new HashMap<>();
        list(c, "volumeMounts").forEach(v -> mounts.put(str(v, "mountPath"), str(v, "name")));
        return mounts;
    }

    private static Map<String, Object> volumeAt(Map<String, Object> d, Map<String, String> mounts, String dir) {
        String volume = mounts.get(dir);
        assertThat(volume).as("%s: a volume mounted at %s", str(d, "metadata.name"), dir).isNotNull();
        return list(d, "spec.template.spec.volumes").stream()
                .filter(v -> volume.equals(v.get("name"))).findFirst().orElseThrow();
    }
}
