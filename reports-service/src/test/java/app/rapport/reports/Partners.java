package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Feeds the golden samples of other services into the broker, re-addressed to fresh ids and a test clinic. */
final class Partners {

    static final String SAMPLE_REFERRAL = "b3cdda68-69ae-4307-b051-9c4ec24c51ae";
    static final String SAMPLE_REFERRER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    static final String SAMPLE_PCP = "02ea38d8-7a2a-49bb-b075-86caf71c2554";
    static final String SAMPLE_PATIENT = "e3381106-57d9-4dab-b020-36a74c0fefd2";
    static final String SAMPLE_VISIT = "4cad9995-2486-4668-b043-264e019d0dff";
    static final String SAMPLE_TASK = "4ff0cde3-511f-4043-825e-bd952c3239ef";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Partners() {
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** One referral's ids, fresh per test. */
    record Referral(String clinic, String referralId, String referrerId, String pcpId, String patient) {
        static Referral fresh(String clinic) {
            return new Referral(clinic, uuid(), uuid(), uuid(), uuid());
        }

        Map<String, String> ids() {
            Map<String, String> m = new HashMap<>();
            m.put(SAMPLE_REFERRAL, referralId);
            m.put(SAMPLE_REFERRER, referrerId);
            m.put(SAMPLE_PCP, pcpId);
            m.put(SAMPLE_PATIENT, patient);
            return m;
        }
    }

    static EventEnvelope event(String sample, String clinic, Map<String, String> ids, Map<String, String> textReplacements) {
        EventEnvelope e = GoldenSamples.event(sample, clinic, ids);
        String payload = e.payload();
        for (var r : textReplacements.entrySet()) {
            payload = payload.replace(r.getKey(), r.getValue());
        }
        return new EventEnvelope(e.id(), e.type(), e.source(), e.time(), e.subject(), e.clinicId(), payload);
    }

    /**
     * Sends one event. A ReferralReceived comes with its PatientReferred on referrals.patients.v1,
     * as referrals-service publishes the two in one transaction; the two topics are consumed apart,
     * so this service sees them in either order.
     */
    static void send(String topic, EventEnvelope e) {
        if (EventTypes.REFERRAL_RECEIVED.equals(e.type())) {
            KafkaProbe.send(Topics.PATIENTS, patientOf(e));
        }
        KafkaProbe.send(topic, e);
    }

    /** The sample PatientReferred (Elena Marsh, born 1991-04-17) of a ReferralReceived event. */
    static EventEnvelope patientOf(EventEnvelope received) {
        JsonNode payload;
        try {
            payload = JSON.readTree(received.payload());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return GoldenSamples.event("PatientReferred.v1", received.clinicId(), Map.of(
                SAMPLE_REFERRAL, payload.get("referralId").asText(),
                SAMPLE_PATIENT, payload.get("patientReference").asText()));
    }

    /** The referrer (PractitionerUpdated sample: e-mail, fax, preferences every 6 visits by FAX). */
    static void referrerKnown(Referral r) {
        send(Topics.PRACTITIONERS, event("PractitionerUpdated.v1", r.clinic(), r.ids(), Map.of()));
    }

    /** The PCP (PractitionerRegistered sample under the PCP's id: e-mail, no preferences). */
    static void pcpKnown(Referral r) {
        send(Topics.PRACTITIONERS, event("PractitionerRegistered.v1", r.clinic(), Map.of(SAMPLE_REFERRER, r.pcpId()),
                Map.of("\"Maya\"", "\"Sam\"", "\"Okafor\"", "\"Lindqvist\"", "m.okafor@", "s.lindqvist@")));
    }

    static EventEnvelope received(Referral r, String receivedOn) {
        return event("ReferralReceived.v2", r.clinic(), r.ids(), Map.of("2025-03-03", receivedOn));
    }

    static EventEnvelope visit(Referral r, int number, String date, String amount) {
        return event("VisitRecorded.v1", r.clinic(), Map.of(SAMPLE_REFERRAL, r.referralId(),
                SAMPLE_REFERRER, r.referrerId(), SAMPLE_VISIT, uuid()),
                Map.of("\"visitNumber\":1", "\"visitNumber\":" + number, "2025-03-06", date, "145.00", amount));
    }

    /** A visit recorded with nothing billed: the sample without its {@code billedAmount}. */
    static EventEnvelope unbilledVisit(Referral r, int number, String date) {
        return replaced(visit(r, number, date, "145.00"), ",\"billedAmount\":{\"amount\":\"145.00\",\"currency\":\"USD\"}", "");
    }

    /** A first visit billed {@code amount} in {@code currency}. */
    static EventEnvelope visitIn(Referral r, String amount, String currency) {
        return replaced(visit(r, 1, "2025-04-10", amount), "\"USD\"", "\"" + currency + "\"");
    }

    private static EventEnvelope replaced(EventEnvelope e, String text, String replacement) {
        if (!e.payload().contains(text)) {
            throw new IllegalStateException("The sample no longer holds " + text);
        }
        return new EventEnvelope(e.id(), e.type(), e.source(), e.time(), e.subject(), e.clinicId(),
                e.payload().replace(text, replacement));
    }

    /** The same payload under a new event id: a replay the inbox cannot recognise. */
    static EventEnvelope replayed(EventEnvelope e) {
        return new EventEnvelope(uuid(), e.type(), e.source(), Instant.now(), e.subject(), e.clinicId(), e.payload());
    }
}
