package app.rapport.platform.testing;

import app.rapport.platform.events.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The golden event samples of {@code docs/events/samples}: consumers feed them in, producers check
 * that what they publish has the same shape, so a change that breaks a consumer fails the build.
 */
public final class GoldenSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenSamples() {
    }

    /** The sample file's JSON, e.g. {@code sample("ReferralReceived.v2")}. */
    public static JsonNode sample(String name) {
        Path file = samplesDir().resolve(name + ".json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden sample " + file, e);
        }
    }

    /** The sample as an event, re-addressed to {@code clinicId} with fresh ids so each test run is its own. */
    public static EventEnvelope event(String name, String clinicId, Map<String, String> payloadReplacements) {
        JsonNode sample = sample(name);
        String payload = sample.get("payload").toString();
        for (Map.Entry<String, String> r : payloadReplacements.entrySet()) {
            payload = payload.replace(r.getKey(), r.getValue());
        }
        JsonNode headers = sample.get("headers");
        String subject = sample.get("key").asText();
        String newSubject = payloadReplacements.getOrDefault(subject, subject);
        return new EventEnvelope(java.util.UUID.randomUUID().toString(), headers.get("ce_type").asText(),
                headers.get("ce_source").asText(), Instant.now(), newSubject, clinicId, payload);
    }

    /** The sample exactly as stored, with its own ids and clinic. */
    public static EventEnvelope event(String name) {
        JsonNode sample = sample(name);
        JsonNode h = sample.get("headers");
        return new EventEnvelope(h.get("ce_id").asText(), h.get("ce_type").asText(), h.get("ce_source").asText(),
                Instant.parse(h.get("ce_time").asText()), h.get("ce_subject").asText(), h.get("ce_clinicid").asText(),
                sample.get("payload").toString());
    }

    /**
     * Field paths present in {@code actualPayload} but not in the sample, and the reverse, e.g.
     * {@code ["+patient.middleName", "-urgency"]}. Empty means the producer matches the contract's shape.
     * Optional fields the producer left out (absent or null) are not reported.
     */
    public static List<String> shapeDifferences(String name, String actualPayload) {
        try {
            JsonNode expected = sample(name).get("payload");
            JsonNode actual = JSON.readTree(actualPayload);
            TreeSet<String> expectedPaths = new TreeSet<>();
            TreeSet<String> actualPaths = new TreeSet<>();
            paths(expected, "", expectedPaths);
            paths(actual, "", actualPaths);
            List<String> differences = new ArrayList<>();
            for (String p : actualPaths) {
                if (!expectedPaths.contains(p)) {
                    differences.add("+" + p);
                }
            }
            return differences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void paths(JsonNode node, String prefix, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                paths(field.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                paths(element, prefix + "[]", out);
            }
        }
    }

    /** {@code docs/events/samples} of the repository, found from the module directory tests run in. */
    public static Path samplesDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs/events/samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/events/samples not found above " + Path.of("").toAbsolutePath());
    }
}
