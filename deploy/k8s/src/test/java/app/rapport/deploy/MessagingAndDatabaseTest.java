package app.rapport.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static app.rapport.deploy.Manifests.SERVICES;
import static app.rapport.deploy.Manifests.at;
import static app.rapport.deploy.Manifests.child;
import static app.rapport.deploy.Manifests.list;
import static app.rapport.deploy.Manifests.map;
import static app.rapport.deploy.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka topics and users and the MySQL databases, checked against the event contract
 * (docs/asyncapi.yaml): every topic and dead-letter topic exists with safe replication, and each
 * service's Kafka identity may touch exactly what the contract says it produces and consumes.
 */
class MessagingAndDatabaseTest {

    private static Manifests dev;
    private static Manifests prod;
    /** topic → owner, and service → topics it consumes, from docs/asyncapi.yaml. */
    private static final Map<String, String> OWNER = new HashMap<>();
    private static final Map<String, Set<String>> CONSUMES = new HashMap<>();
    private static final Set<String> CONTRACT_TOPICS = new TreeSet<>();

    @BeforeAll
    static void renderAndReadContract() throws Exception {
        dev = Manifests.render("dev");
        prod = Manifests.render("prod");
        Map<String, Object> api = new Yaml(new LoaderOptions())
                .load(Files.readString(Manifests.repoRoot().resolve("docs/asyncapi.yaml")));
        Map<String, Object> channels = map(api, "channels");
        channels.values().forEach(ch -> CONTRACT_TOPICS.add(String.valueOf(child(ch, "address"))));
        map(api, "operations").forEach((id, op) -> {
            String channel = String.valueOf(child(child(op, "channel"), "$ref")).replace("#/channels/", "");
            String topic = String.valueOf(child(channels.get(channel), "address"));
            if ("receive".equals(child(op, "action"))) {
                List<?> group = (List<?>) at(op, "bindings.kafka.groupId.enum");
                CONSUMES.computeIfAbsent(String.valueOf(group.get(0)), k -> new TreeSet<>()).add(topic);
            } else if (!topic.endsWith(".dlt")) {
                // "contacts-service publishes the directory": the owner opens the title.
                OWNER.put(topic, String.valueOf(child(op, "title")).split(" ")[0]);
            }
        });
        assertThat(new TreeSet<>(OWNER.values())).as("owners in the contract").containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(CONSUMES.keySet()).as("consumers in the contract").containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicAndItsDeadLetterTopicIsDeclared(String overlay) {
        Manifests m = overlay.equals("dev") ? dev : prod;
        Set<String> declared = new TreeSet<>();
        int brokers = m.ofKind("KafkaNodePool").stream()
                .filter(p -> ((List<?>) at(p, "spec.roles")).contains("broker"))
                .mapToInt(p -> ((Number) at(p, "spec.replicas")).intValue()).sum();
        for (Map<String, Object> t : m.ofKind("KafkaTopic")) {
            String topic = str(t, "spec.topicName");
            declared.add(topic);
            int replicas = ((Number) at(t, "spec.replicas")).intValue();
            int minInsync = Integer.parseInt(String.valueOf(child(map(t, "spec.config"), "min.insync.replicas")));
            assertThat(replicas).as("%s replicas vs brokers", topic).isLessThanOrEqualTo(brokers);
            assertThat(child(map(t, "spec.config"), "retention.ms")).as("%s retention", topic).isNotNull();
            if (overlay.equals("prod")) {
                // acks=all with one broker down: two copies of every acknowledged event.
                assertThat(replicas).as("%s replicas", topic).isGreaterThanOrEqualTo(3);
                assertThat(minInsync).as("%s min.insync.replicas", topic).isBetween(2, replicas - 1);
            } else {
                assertThat(minInsync).as("%s min.insync.replicas", topic).isLessThanOrEqualTo(replicas);
            }
            if (topic.endsWith(".dlt")) {
                assertThat(((Number) at(t, "spec.partitions")).intValue()).as("%s partitions", topic).isEqualTo(1);
            }
            assertThat(child(map(t, "metadata.labels"), "strimzi.io/cluster"))
                    .as("%s cluster", topic).isEqualTo(str(m.ofKind("Kafka").get(0), "metadata.name"));
        }
        assertThat(declared).as("KafkaTopics vs docs/asyncapi.yaml").isEqualTo(CONTRACT_TOPICS);
        for (String topic : OWNER.keySet()) {
            assertThat(declared).contains(topic, topic + ".dlt");
        }
        // Dead letters that name patients are kept no longer than the patients' topic itself (ADR 0206).
        Map<String, Long> retention = new HashMap<>();
        for (Map<String, Object> t : m.ofKind("KafkaTopic")) {
            retention.put(str(t, "spec.topicName"), Long.parseLong(String.valueOf(child(map(t, "spec.config"), "retention.ms"))));
        }
        assertThat(retention.get("referrals.patients.v1.dlt")).as("referrals.patients.v1.dlt retention")
                .isLessThanOrEqualTo(retention.get("referrals.patients.v1")).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(map(m.ofKind("Kafka").get(0), "spec.kafka.config"))
                .as("only KafkaTopics create topics").containsEntry("auto.create.topics.enable", false);
    }

    @Test
    void eachServiceMayUseOnlyItsOwnTopicsDeadLettersAndConsumerGroups() {
        for (String service : SERVICES) {
            Set<String> expected = new TreeSet<>();
            OWNER.forEach((topic, owner) -> {
                if (owner.equals(service)) {
                    expected.add("topic " + topic + " Write");
                    expected.add("topic " + topic + " Describe");
                }
            });
            for (String topic : CONSUMES.get(service)) {
                expected.add("topic " + topic + " Read");
                expected.add("topic " + topic + " Describe");
                // A consumer that gives up on a record parks it in that topic's .dlt.
                expected.add("topic " + topic + ".dlt Write");
                expected.add("topic " + topic + ".dlt Describe");
            }
            expected.add("group " + service + ".* Read");
            expected.add("group " + service + ".* Describe");

            Map<String, Object> user = prod.get("KafkaUser", service);
            assertThat(str(user, "spec.authorization.type")).isEqualTo("simple");
            Set<String> granted = new TreeSet<>();
            for (Map<String, Object> acl : list(user, "spec.authorization.acls")) {
                String type = str(acl, "resource.type");
                String name = str(acl, "resource.name");
                String pattern = str(acl, "resource.patternType");
                assertThat(acl.get("type")).as("%s: allow rules only", service).isIn(null, "allow");
                String resource = type + " " + name + ("prefix".equals(pattern) ? "*" : "");
                for (Object op : (List<?>) acl.get("operations")) {
                    granted.add(resource + " " + op);
                }
            }
            assertThat(granted).as("ACLs of %s vs docs/asyncapi.yaml", service).isEqualTo(expected);
        }
        // Every consumer of a topic can read all of it: who the patients are, reports-service alone.
        Set<String> patientReaders = new TreeSet<>();
        for (Map<String, Object> user : prod.ofKind("KafkaUser")) {
            for (Map<String, Object> acl : list(user, "spec.authorization.acls")) {
                String name = str(acl, "resource.name");
                boolean matches = "prefix".equals(str(acl, "resource.patternType"))
                        ? "referrals.patients.v1".startsWith(name) : "referrals.patients.v1".equals(name);
                if ("topic".equals(str(acl, "resource.type")) && matches && ((List<?>) acl.get("operations")).contains("Read")) {
                    patientReaders.add(str(user, "metadata.name"));
                }
            }
        }
        assertThat(patientReaders).as("who may read referrals.patients.v1").containsExactly("reports-service");
        assertThat(prod.ofKind("Kafka").get(0)).satisfies(k ->
                assertThat(str(k, "spec.kafka.authorization.type")).as("ACLs enforced").isEqualTo("simple"));
        assertThat(prod.ofKind("KafkaUser")).extracting(u -> str(u, "metadata.name"))
                .as("no other Kafka identities than the services and ops").containsExactlyInAnyOrder(
                        "contacts-service", "referrals-service", "outreach-service", "reports-service", "rapport-ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceGetsItsOwnDatabaseAndUser(String overlay) {
        Manifests m = overlay.equals("dev") ? dev : prod;
        Map<String, Object> cluster = m.ofKind("InnoDBCluster").get(0);
        assertThat(((Number) at(cluster, "spec.instances")).intValue()).as("MySQL members")
                .isEqualTo(overlay.equals("prod") ? 3 : 1);
        Map<String, Object> job = m.get("Job", "rapport-db-bootstrap");
        Map<String, Object> container = list(job, "spec.template.spec.containers").get(0);
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : list(container, "env")) {
            env.put(str(e, "name"), str(e, "valueFrom.secretKeyRef.name") + "/" + str(e, "valueFrom.secretKeyRef.key"));
        }
        assertThat(env).containsEntry("ROOT_PASSWORD", str(cluster, "spec.secretName") + "/rootPassword");
        String scriptMap = list(job, "spec.template.spec.volumes").stream()
                .filter(v -> v.containsKey("configMap")).map(v -> str(v, "configMap.name")).findFirst().orElseThrow();
        String script = String.valueOf(map(m.get("ConfigMap", scriptMap), "data").get("bootstrap-databases.sh"));
        for (String service : SERVICES) {
            String db = service.replace("-service", "");
            String var = db.toUpperCase();
            // The same Secret the service logs in with.
            assertThat(env).containsEntry(var + "_DB_USER", service + "-db/username")
                    .containsEntry(var + "_DB_PASSWORD", service + "-db/password");
            assertThat(script).contains("for service in contacts referrals outreach reports");
        }
        assertThat(script).contains("GRANT ALL PRIVILEGES ON \\`${service}\\`.* TO ${user}@'%'")
                .doesNotContain("*.*");
        if (overlay.equals("dev")) {
            assertThat(m.find("Secret", str(cluster, "spec.secretName"))).isPresent();
        }
    }
}
