package app.rapport.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event catalogue is a contract: {@code docs/asyncapi.yaml} describes every event and each
 * golden sample in {@code docs/events/samples} must be a valid instance of it. The services'
 * tests load the same samples, so a schema change that breaks a producer or a consumer fails a
 * build somewhere. Adding an {@link EventTypes} constant without a message and a sample fails here.
 */
class GoldenSamplesMatchAsyncApiTest {

    // Surefire runs with the module directory as the working directory.
    private static final Path ASYNCAPI = Path.of("../docs/asyncapi.yaml");
    private static final Path SAMPLES = Path.of("../docs/events/samples");

    private static final ObjectMapper JSON = new ObjectMapper();
    // AsyncAPI's default schema format is a superset of JSON Schema draft 07. The schemas are
    // validated inside a document that carries the AsyncAPI "components" so that their
    // #/components/schemas/... refs resolve; that keyword is declared as not validating.
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7())
                    .keyword(new NonValidationKeyword("components"))
                    .build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static final List<String> DEAD_LETTER_HEADERS = List.of(
            "dlt_error_class", "dlt_error_message", "dlt_original_topic", "dlt_original_partition",
            "dlt_original_offset", "dlt_consumer", "dlt_failed_at");

    private static JsonNode spec;
    private static Map<String, CatalogueMessage> messagesByType;

    /** One message of the catalogue, with its schemas compiled. */
    record CatalogueMessage(String name, String channelAddress, JsonNode payloadSchema,
                            JsonSchema headers, JsonSchema payload, JsonSchema key, String aggregateIdPointer) {
    }

    /** One golden sample file: {@code {"topic", "key", "headers", "payload"}}. */
    record Sample(Path file, JsonNode json) {
        String type() {
            return json.path("headers").path(CloudEventHeaders.TYPE).asText();
        }

        JsonNode headers() {
            return json.path("headers");
        }

        JsonNode payload() {
            return json.path("payload");
        }

        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    @BeforeAll
    static void loadCatalogue() throws IOException {
        spec = readYaml(ASYNCAPI);
        assertThat(spec.path("asyncapi").asText()).isEqualTo("3.0.0");

        Map<String, CatalogueMessage> byType = new HashMap<>();
        for (JsonNode channel : iterable(spec.path("channels"))) {
            String address = channel.path("address").asText();
            for (Map.Entry<String, JsonNode> entry : fields(channel.path("messages"))) {
                JsonNode message = resolve(entry.getValue());
                Optional<String> type = ceTypeConst(message);
                if (type.isEmpty()) {
                    continue; // the dead-letter message carries whatever type the original had
                }
                CatalogueMessage previous = byType.put(type.get(), new CatalogueMessage(
                        entry.getKey(),
                        address,
                        resolve(message.path("payload")),
                        compile(message.path("headers")),
                        compile(message.path("payload")),
                        compile(message.path("bindings").path("kafka").path("key")),
                        message.path("x-rapport-aggregate-id-pointer").asText(null)));
                assertThat(previous)
                        .as("ce_type %s is declared by more than one message", type.get())
                        .isNull();
            }
        }
        messagesByType = byType;
    }

    static Stream<Sample> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(f -> new Sample(f, readJson(f)))
                    .toList()
                    .stream();
        }
    }

    @Test
    void everyEventTypeHasExactlyOneMessageAndOneSample() throws IOException {
        Set<String> constants = eventTypeConstants();
        assertThat(constants).as("EventTypes constants").isNotEmpty();
        assertThat(EventTypes.TOPIC_OF.keySet()).as("event types with a topic in EventTypes.TOPIC_OF")
                .containsExactlyInAnyOrderElementsOf(constants);
        assertThat(messagesByType.keySet()).as("ce_type consts of the messages in asyncapi.yaml")
                .containsExactlyInAnyOrderElementsOf(constants);

        List<Sample> samples = samples().toList();
        List<String> sampleTypes = samples.stream().map(Sample::type).toList();
        assertThat(sampleTypes).as("ce_type of the golden samples").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(constants);
        for (Sample sample : samples) {
            // app.rapport.referrals.ReferralReceived.v1 -> ReferralReceived.v1.json
            String type = sample.type();
            String expectedName = type.substring(type.lastIndexOf('.', type.lastIndexOf(".v") - 1) + 1) + ".json";
            assertThat(sample.toString()).as("file name of the sample of %s", type).isEqualTo(expectedName);
        }
    }

    @Test
    void everyTopicHasAChannelAndADeadLetterChannelDocumentingTheErrorHeaders() {
        Map<String, JsonNode> channelsByAddress = new HashMap<>();
        for (JsonNode channel : iterable(spec.path("channels"))) {
            channelsByAddress.put(channel.path("address").asText(), channel);
        }
        Set<String> expected = new HashSet<>();
        for (String topic : Topics.ALL) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }
        assertThat(channelsByAddress.keySet()).containsExactlyInAnyOrderElementsOf(expected);

        for (String topic : Topics.ALL) {
            JsonNode deadLetterChannel = channelsByAddress.get(Topics.deadLetter(topic));
            List<JsonNode> messages = new ArrayList<>();
            fields(deadLetterChannel.path("messages")).forEach(e -> messages.add(resolve(e.getValue())));
            assertThat(messages).as("messages of %s", Topics.deadLetter(topic)).hasSize(1);
            JsonNode headers = resolve(messages.get(0).path("headers"));
            List<String> required = new ArrayList<>();
            headers.path("required").forEach(n -> required.add(n.asText()));
            assertThat(required).as("required headers of %s", Topics.deadLetter(topic))
                    .containsExactlyInAnyOrderElementsOf(DEAD_LETTER_HEADERS);
            assertThat(fields(headers.path("properties")).stream().map(Map.Entry::getKey))
                    .containsAll(DEAD_LETTER_HEADERS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsAValidInstanceOfItsMessage(Sample sample) {
        CatalogueMessage message = messagesByType.get(sample.type());
        assertThat(message).as("message in asyncapi.yaml whose ce_type const is '%s'", sample.type()).isNotNull();

        String topic = sample.json().path("topic").asText();
        assertThat(topic).as("topic").isEqualTo(message.channelAddress()).isEqualTo(EventTypes.topicOf(sample.type()));

        JsonNode key = sample.json().path("key");
        assertThat(errors(message.key(), key)).as("key").isEmpty();
        assertThat(key.asText()).as("key equals ce_subject")
                .isEqualTo(sample.headers().path(CloudEventHeaders.SUBJECT).asText());
        assertThat(message.aggregateIdPointer()).as("x-rapport-aggregate-id-pointer of %s", message.name()).isNotBlank();
        assertThat(sample.payload().at(message.aggregateIdPointer()).asText())
                .as("payload %s equals the key", message.aggregateIdPointer())
                .isEqualTo(key.asText());

        assertThat(errors(message.headers(), sample.headers())).as("headers").isEmpty();
        assertThat(errors(message.payload(), sample.payload())).as("payload").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleMissingARequiredFieldOrCarryingAnUnknownOneIsRejected(Sample sample) {
        CatalogueMessage message = messagesByType.get(sample.type());
        assertThat(message).isNotNull();

        List<String> requiredFields = new ArrayList<>();
        message.payloadSchema().path("required").forEach(n -> requiredFields.add(n.asText()));
        assertThat(requiredFields).as("required payload fields of %s", message.name()).isNotEmpty();
        for (String field : requiredFields) {
            JsonNode broken = edited(sample.payload(), p -> p.remove(field));
            assertThat(errors(message.payload(), broken)).as("payload without '%s'", field).isNotEmpty();
        }
        // The clinic travels in ce_clinicid only; a payload field for it is a contract breach.
        JsonNode withClinic = edited(sample.payload(), p -> p.put("clinicId", "seattle-downtown"));
        assertThat(errors(message.payload(), withClinic)).as("payload with a clinicId field").isNotEmpty();

        for (JsonNode header : resolve(spec.at("/components/schemas/CloudEventHeaders")).path("required")) {
            JsonNode broken = edited(sample.headers(), h -> h.remove(header.asText()));
            assertThat(errors(message.headers(), broken)).as("headers without '%s'", header.asText()).isNotEmpty();
        }
    }

    @Test
    void deliberatelyBrokenSamplesFailForTheRightReason() {
        Sample received = sample("ReferralReceived.v2.json");
        CatalogueMessage receivedMessage = messagesByType.get(EventTypes.REFERRAL_RECEIVED);

        assertRejected(receivedMessage.payload(), edited(received.payload(), p -> p.put("urgency", "WHENEVER")), "urgency");
        assertRejected(receivedMessage.payload(), edited(received.payload(), p -> p.put("practitionerId", "dr-okafor")), "practitionerId");
        assertRejected(receivedMessage.payload(), edited(received.payload(), p -> p.put("receivedOn", "03/03/2025")), "receivedOn");
        assertRejected(receivedMessage.payload(), edited(received.payload(), p -> p.put("direction", "SENT")), "direction");
        // Minimum necessary: who the patient is never travels on the shared referrals topic.
        assertRejected(receivedMessage.payload(), edited(received.payload(), p -> p.put("reason", "Low back pain")), "reason");
        assertRejected(receivedMessage.payload(), edited(received.payload(),
                p -> p.putObject("patient").put("lastName", "Marsh")), "patient");

        Sample patient = sample("PatientReferred.v1.json");
        CatalogueMessage patientMessage = messagesByType.get(EventTypes.PATIENT_REFERRED);
        assertRejected(patientMessage.payload(), edited(patient.payload(),
                p -> p.withArray("diagnosisCodes").add("low back pain")), "diagnosisCodes");
        // No patient contact data travels on Kafka at all.
        assertRejected(patientMessage.payload(), edited(patient.payload(),
                p -> ((ObjectNode) p.get("patient")).put("phone", "+12065550199")), "phone");
        assertRejected(patientMessage.payload(), edited(patient.payload(),
                p -> ((ObjectNode) p.get("patient")).remove("birthDate")), "birthDate");

        assertRejected(receivedMessage.headers(), edited(received.headers(),
                h -> h.put(CloudEventHeaders.CLINIC_ID, "Seattle Downtown")), CloudEventHeaders.CLINIC_ID);
        assertRejected(receivedMessage.headers(), edited(received.headers(),
                h -> h.put(CloudEventHeaders.SPEC_VERSION, "0.3")), CloudEventHeaders.SPEC_VERSION);
        assertRejected(receivedMessage.headers(), edited(received.headers(),
                h -> h.put(CloudEventHeaders.TIME, "yesterday")), CloudEventHeaders.TIME);
        // The right headers on the wrong message: ce_type and ce_source are fixed per message.
        assertRejected(messagesByType.get(EventTypes.REPORT_SENT).headers(), received.headers(), CloudEventHeaders.TYPE);
        assertRejected(receivedMessage.key(), TextNode.valueOf("B3CDDA68"), "uuid");

        Sample visit = sample("VisitRecorded.v1.json");
        CatalogueMessage visitMessage = messagesByType.get(EventTypes.VISIT_RECORDED);
        assertRejected(visitMessage.payload(), edited(visit.payload(),
                p -> ((ObjectNode) p.get("billedAmount")).put("amount", 145.0)), "amount");
        assertRejected(visitMessage.payload(), edited(visit.payload(), p -> p.put("type", "MASSAGE")), "type");

        Sample practitioner = sample("PractitionerUpdated.v1.json");
        CatalogueMessage practitionerMessage = messagesByType.get(EventTypes.PRACTITIONER_UPDATED);
        assertRejected(practitionerMessage.payload(), edited(practitioner.payload(),
                p -> ((ObjectNode) p.get("practitioner")).put("specialty", "ACUPUNCTURIST")), "specialty");
        assertRejected(practitionerMessage.payload(), edited(practitioner.payload(),
                p -> ((ObjectNode) p.get("practitioner")).remove("physician")), "physician");
    }

    @Test
    void onlyPatientReferredCarriesPatientDataAndOnlyOnItsOwnTopic() throws IOException {
        String patientRef = "#/components/schemas/Patient";
        Set<String> carriers = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : fields(spec.path("components").path("messages"))) {
            Set<String> reachable = new LinkedHashSet<>();
            collectRefs(entry.getValue().path("payload"), reachable);
            if (reachable.contains(patientRef)) {
                carriers.add(entry.getKey());
            }
        }
        assertThat(carriers).containsExactly("PatientReferred");
        // Every consumer of a topic can read all of it: the patient's topic carries nothing else.
        assertThat(messagesByType.values().stream().filter(m -> m.channelAddress().equals(Topics.PATIENTS))
                .map(CatalogueMessage::name)).containsExactly("PatientReferred");
        assertThat(Topics.CARRYING_PATIENT_DATA).containsExactly(Topics.PATIENTS);

        for (Sample sample : samples().toList()) {
            if (!sample.type().equals(EventTypes.PATIENT_REFERRED)) {
                for (String field : List.of("birthDate", "patient", "diagnosisCodes")) {
                    assertThat(sample.payload().findParents(field)).as("%s in %s", field, sample).isEmpty();
                }
            }
        }
        assertThat(sample("ReferralReceived.v2.json").payload().path("reason").isMissingNode())
                .as("the referral's reason on the shared referrals topic").isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRejected(JsonSchema schema, JsonNode instance, String field) {
        Set<ValidationMessage> errors = schema.validate(instance);
        assertThat(errors).as("validation of a copy broken at '%s'", field).isNotEmpty();
        assertThat(errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).collect(Collectors.joining("\n")))
                .as("errors name the broken field")
                .contains(field);
    }

    private static List<String> errors(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** A validator for one schema of the document, with {@code #/components/schemas/...} resolvable. */
    private static JsonSchema compile(JsonNode schema) {
        assertThat(schema.isMissingNode()).as("schema present").isFalse();
        ObjectNode document = JSON.createObjectNode();
        document.putObject("components").set("schemas", spec.at("/components/schemas"));
        document.putArray("allOf").add(schema);
        return SCHEMAS.getSchema(document, CONFIG);
    }

    /** The {@code ce_type} const of a message's headers, directly or in one branch of an allOf. */
    private static Optional<String> ceTypeConst(JsonNode message) {
        JsonNode headers = resolve(message.path("headers"));
        List<JsonNode> candidates = new ArrayList<>();
        candidates.add(headers);
        headers.path("allOf").forEach(branch -> candidates.add(resolve(branch)));
        return candidates.stream()
                .map(c -> c.path("properties").path(CloudEventHeaders.TYPE).path("const"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .findFirst();
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            assertThat(ref).as("only local refs are used").startsWith("#/");
            current = spec.at(ref.substring(1));
            assertThat(current.isMissingNode()).as("%s resolves", ref).isFalse();
        }
        return current;
    }

    private static void collectRefs(JsonNode node, Set<String> seen) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && seen.add(ref.asText())) {
                collectRefs(resolve(node), seen);
            }
            node.forEach(child -> collectRefs(child, seen));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, seen));
        }
    }

    private static Set<String> eventTypeConstants() {
        Set<String> types = new HashSet<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                try {
                    types.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types;
    }

    private static JsonNode edited(JsonNode original, Consumer<ObjectNode> edit) {
        ObjectNode copy = original.deepCopy();
        edit.accept(copy);
        return copy;
    }

    private static Sample sample(String fileName) {
        Path file = SAMPLES.resolve(fileName);
        return new Sample(file, readJson(file));
    }

    private static JsonNode readYaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return JSON.valueToTree(tree);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode objectNode) {
        return objectNode::elements;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode objectNode) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = objectNode.fields();
        it.forEachRemaining(entries::add);
        return entries;
    }
}
