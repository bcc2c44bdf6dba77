package app.rapport.platform.events;

import app.rapport.platform.tenancy.ClinicIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * One platform event: CloudEvents attributes plus the JSON payload, as it travels on Kafka in
 * binary mode. The record key is the aggregate id so one aggregate's events stay in order.
 *
 * @param id       unique per event ({@code ce_id}); consumers deduplicate on it
 * @param type     {@link EventTypes} constant
 * @param source   the producing service, e.g. {@code /rapport/referrals-service}
 * @param time     when the change happened
 * @param subject  the aggregate id (also the record key)
 * @param clinicId the clinic the event belongs to
 * @param payload  UTF-8 JSON
 */
public record EventEnvelope(String id, String type, String source, Instant time, String subject,
                            String clinicId, String payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
        ClinicIds.requireValid(clinicId);
    }

    /** The Kafka record for this event, with {@code traceHeaders} (e.g. W3C traceparent) added. */
    public ProducerRecord<String, byte[]> toRecord(String topic, Map<String, String> traceHeaders) {
        Headers headers = new RecordHeaders();
        put(headers, CloudEventHeaders.ID, id);
        put(headers, CloudEventHeaders.TYPE, type);
        put(headers, CloudEventHeaders.SOURCE, source);
        put(headers, CloudEventHeaders.TIME, time.toString());
        put(headers, CloudEventHeaders.SUBJECT, subject);
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        put(headers, CloudEventHeaders.CLINIC_ID, clinicId);
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        traceHeaders.forEach((k, v) -> put(headers, k, v));
        return new ProducerRecord<>(topic, null, subject, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * @throws MalformedEventException when a required attribute is missing or invalid
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("ce_specversion must be 1.0, was " + specVersion);
        }
        String clinicId = header(headers, CloudEventHeaders.CLINIC_ID);
        if (!ClinicIds.isValid(clinicId)) {
            throw new MalformedEventException("ce_clinicid missing or not a clinic id: " + clinicId);
        }
        if (record.value() == null) {
            throw new MalformedEventException("event has no payload");
        }
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 timestamp");
        }
        String id = required(headers, CloudEventHeaders.ID);
        if (id.length() > 100) {
            throw new MalformedEventException("ce_id is longer than 100 characters");
        }
        String subject = header(headers, CloudEventHeaders.SUBJECT);
        return new EventEnvelope(
                id,
                required(headers, CloudEventHeaders.TYPE),
                required(headers, CloudEventHeaders.SOURCE),
                time,
                subject != null ? subject : Objects.requireNonNullElse(record.key(), ""),
                clinicId,
                new String(record.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(name + " header is missing");
        }
        return value;
    }

    /** The last value of a header as UTF-8, or null. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
