package app.rapport.bench;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.outbox.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The statements each service sends for one piece of work, as plain SQL over raw JDBC: what the
 * same-work ceilings run. <b>This is the one place to update when a service's path changes</b>:
 * edit the lists below to match, and the ceilings follow.
 *
 * <p>Writes go to {@code bench_<table>} copies made with {@code CREATE TABLE … LIKE} (the same
 * columns and indexes), so the ceilings leave the services' rows and outboxes alone; the
 * directory copies a service reads are read from its own tables.
 */
final class ServiceStatements {

    /** One statement and how its parameters come from the work item. */
    record Sql(String text, Function<Work, Object[]> params) {
    }

    /**
     * One piece of work: a received referral (its clinic, partners, patient) or the event that
     * carries it; {@code id(k)} is the k-th fresh id the service would generate for it.
     */
    static final class Work {
        final String clinic;
        final String practitioner;
        final String primaryCare;
        final String referralId;
        final String eventId;
        final String patientReference;
        final String lastName;
        final LocalDate birthDate;
        final LocalDate on;
        final Timestamp now = Timestamp.from(Instant.now());
        private final Map<Integer, String> ids = new HashMap<>();

        Work(String clinic, String practitioner, String primaryCare, String referralId, String eventId,
             String patientReference, String lastName, LocalDate birthDate, LocalDate on) {
            this.clinic = clinic;
            this.practitioner = practitioner;
            this.primaryCare = primaryCare;
            this.referralId = referralId;
            this.eventId = eventId;
            this.patientReference = patientReference;
            this.lastName = lastName;
            this.birthDate = birthDate;
            this.on = on;
        }

        String id(int k) {
            return ids.computeIfAbsent(k, x -> UUID.randomUUID().toString());
        }
    }

    private static Object[] p(Object... values) {
        return values;
    }

    // ------------------------------------------------------------------ referrals-service, POST /referrals

    /** Tables the ingest statements write; copied as bench_<name>. */
    static final List<String> REFERRALS_WRITES = List.of("patient", "referral", "referral_status_change", "outbox_event");

    /**
     * ReferralLedger.open for a RECEIVED referral naming someone new, in its transaction (ADR 0015:
     * 5 statements + COMMIT = 6 round trips): both partners in one read, the patient opened by
     * INSERT IGNORE on the namesake key, the referral, its first history row, and ReferralReceived
     * with PatientReferred in one multi-row outbox INSERT.
     */
    static final List<Sql> REFERRAL_RECEIVED_TX = List.of(
            new Sql("SELECT * FROM partner WHERE clinic_id = ? AND practitioner_id IN (?, ?)",
                    w -> p(w.clinic, w.practitioner, w.primaryCare)),
            new Sql("INSERT IGNORE INTO bench_patient (id, clinic_id, first_name, last_name, birth_date, phone, email,"
                    + " created_at, namesake) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
                    w -> p(w.id(1), w.clinic, "Elena", w.lastName, w.birthDate, "+12065550143", null, w.now)),
            new Sql("INSERT INTO bench_referral (id, clinic_id, direction, kind, practitioner_id, patient_id, reason,"
                    + " diagnosis_codes, requested_service, urgency, channel, referred_on, treating_id, treating_name,"
                    + " treating_credentials, primary_care_practitioner_id, status, created_by, created_at, updated_at, version)"
                    + " VALUES (?, ?, 'RECEIVED', 'REFERRAL', ?, ?, ?, 'O26.893,M54.50', 'Prenatal chiropractic care', 'ROUTINE',"
                    + " 'FAX', ?, 'jreyes', 'Jordan Reyes', 'DC', ?, 'RECEIVED', 'dev', ?, ?, 0)",
                    w -> p(w.id(2), w.clinic, w.practitioner, w.id(1), Client.REASON, w.on, w.primaryCare, w.now, w.now)),
            new Sql("INSERT INTO bench_referral_status_change (id, clinic_id, referral_id, step, from_status, to_status,"
                    + " reason, changed_by, changed_at) VALUES (?, ?, ?, 1, NULL, 'RECEIVED', NULL, 'dev', ?)",
                    w -> p(w.id(3), w.clinic, w.id(2), w.now)),
            // Outbox.record(List): both events in one multi-row INSERT
            new Sql("INSERT INTO bench_outbox_event (id, clinic_id, aggregate_type, aggregate_id, topic, type, payload,"
                    + " created_at) VALUES (?, ?, 'Referral', ?, '" + Topics.REFERRALS + "', '" + EventTypes.REFERRAL_RECEIVED
                    + "', ?, ?), (?, ?, 'Referral', ?, '" + Topics.PATIENTS + "', '" + EventTypes.PATIENT_REFERRED + "', ?, ?)",
                    w -> p(w.id(4), w.clinic, w.id(2), String.format(ServiceStatements.RECEIVED_PAYLOAD, w.referralId), w.now,
                            w.id(5), w.clinic, w.id(2), String.format(ServiceStatements.PATIENT_PAYLOAD, w.referralId), w.now)));

    private static final String RECEIVED_PAYLOAD = "{\"referralId\":\"%s\",\"direction\":\"RECEIVED\",\"kind\":\"REFERRAL\","
            + "\"status\":\"RECEIVED\",\"urgency\":\"ROUTINE\",\"channel\":\"FAX\",\"requestedService\":\"Prenatal chiropractic care\"}";
    private static final String PATIENT_PAYLOAD = "{\"referralId\":\"%s\",\"reason\":\"" + Client.REASON
            + "\",\"diagnosisCodes\":[\"O26.893\",\"M54.50\"]}";

    /** The 201 is built from what was written (ADR 0015): nothing is read after the commit. */
    static final List<Sql> REFERRAL_RECEIVED_ANSWER = List.of();

    // ------------------------------------------------------------------ consumers of referrals.referrals.v1

    /**
     * One consumer's statements for a ReferralReceived, inside the transaction that records the
     * inbox row. Applied one by one, each event sends its inbox INSERT IGNORE, {@code shared} and
     * {@code perEvent}. Applied as a poll's batch (EventConsumers, EventHandler.applyAll), the
     * batch sends one SELECT of the ids already applied and one multi-row INSERT for its inbox rows,
     * each of {@code shared} once per distinct key (a clinic's profile, a partner's snapshot),
     * {@code perEvent} for every event, and the {@code outbox} rows of all its events together at
     * the end (BatchMemo.pending in Outbox.record), in multi-row INSERTs of at most
     * {@code Outbox.ROWS_PER_INSERT} rows; one by one, each event's rows in one INSERT.
     */
    record ConsumerWork(String service, String consumer, String topic, String type, List<String> writes,
                        List<String> copies, List<Shared> shared, List<Sql> perEvent, Outboxed outbox) {

        /** A consumer of referrals.referrals.v1's ReferralReceived. */
        ConsumerWork(String service, String consumer, List<String> writes, List<String> copies, List<Shared> shared,
                     List<Sql> perEvent, Outboxed outbox) {
            this(service, consumer, Topics.REFERRALS, EventTypes.REFERRAL_RECEIVED, writes, copies, shared, perEvent, outbox);
        }

        /** Inbox.firstDelivery: one event applied on its own. */
        Sql inboxRow() {
            return new Sql("INSERT IGNORE INTO bench_processed_event (consumer, event_id, clinic_id, event_type, processed_at)"
                    + " VALUES ('" + consumer + "', ?, ?, '" + type + "', ?)",
                    w -> p(w.eventId, w.clinic, w.now));
        }

        /** Inbox.firstDeliveries: the ids of a batch already applied. */
        Sql inboxLookUp(int events) {
            return new Sql("SELECT event_id FROM bench_processed_event WHERE consumer = '" + consumer + "' AND event_id IN ("
                    + String.join(", ", Collections.nCopies(events, "?")) + ")", null);
        }

        /** Inbox.firstDeliveries: the batch's rows in one INSERT. */
        Sql inboxRows(int events) {
            return new Sql("INSERT INTO bench_processed_event (consumer, event_id, clinic_id, event_type, processed_at) VALUES "
                    + String.join(", ", Collections.nCopies(events,
                    "('" + consumer + "', ?, ?, '" + type + "', ?)")), null);
        }
    }

    /** A read a batch makes once per key (e.g. per clinic) rather than once per event. */
    record Shared(Function<Work, String> key, Sql sql) {
    }

    /** One outbox row: the fresh ids of its aggregate and of the event, and its payload. */
    private record OutboxRow(int aggregateId, int id, Function<Work, String> payload) {
    }

    /** The outbox rows one event causes, all of one aggregate type and event type. */
    record Outboxed(String aggregate, String topic, String type, List<OutboxRow> rows) {

        Outboxed(String aggregate, String topic, String type, OutboxRow... rows) {
            this(aggregate, topic, type, List.of(rows));
        }

        /** The rows of {@code events} events in one INSERT, as Outbox writes them. */
        Sql forEvents(int events) {
            String row = "(?, ?, '" + aggregate + "', ?, '" + topic + "', '" + type + "', ?, ?)";
            return new Sql("INSERT INTO bench_outbox_event (id, clinic_id, aggregate_type, aggregate_id, topic, type, payload,"
                    + " created_at) VALUES " + String.join(", ", Collections.nCopies(events * rows.size(), row)), null);
        }

        Object[] params(List<Work> works) {
            return works.stream().flatMap(w -> rows.stream().flatMap(r -> Stream.of(w.id(r.id()), w.clinic,
                    w.id(r.aggregateId()), r.payload().apply(w), w.now))).toArray();
        }

        /** How many events' rows go in one INSERT of a batch. */
        int eventsPerInsert() {
            return Math.max(1, Outbox.ROWS_PER_INSERT / rows.size());
        }
    }

    private static Outboxed outbox(String aggregate, int aggregateId, String topic, String type, int id, String payload) {
        return new Outboxed(aggregate, topic, type, new OutboxRow(aggregateId, id, w -> String.format(payload, w.referralId)));
    }

    /**
     * outreach-service.referrals (ReferralsHandler → RuleRunner), as BatchedReferralsTest records it
     * for a ReferralReceived: the fact, the partner's running count (per partner and poll), the
     * thank-you rule's partner look-up, the repeat-referrer rule's bounded count and EXISTS (per
     * partner and poll, see below), the task (one guarded insert), its OutreachTaskCreated (per
     * poll). The reverse-referral rule reads its count only for a ReferralSent.
     */
    static final ConsumerWork OUTREACH = new ConsumerWork("outreach-service", "outreach-service.referrals",
            List.of("processed_event", "referral_fact", "partner_referral_count", "outreach_task", "outbox_event"), List.of(),
            List.of(
            // RuleRunner.Batch: per clinic, its facts (its profile) and which rules it has enabled; the
            // thank-you rule's partner look-up, per partner.
            new Shared(w -> w.clinic, new Sql("SELECT * FROM clinic_profile WHERE clinic_id = ?", w -> p(w.clinic))),
            new Shared(w -> w.clinic, new Sql("SELECT * FROM plugin_setting WHERE clinic_id = ?", w -> p(w.clinic))),
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("SELECT * FROM partner WHERE clinic_id = ? AND id = ?", w -> p(w.clinic, w.practitioner))),
            // The repeat-referrer rule: referrals in its window counted up to its threshold (3) ...
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM bench_referral_fact WHERE clinic_id = ? AND practitioner_id = ?"
                    + " AND direction = 'RECEIVED' AND occurred_on BETWEEN ? AND ? LIMIT 3) bounded",
                    w -> p(w.clinic, w.practitioner, java.sql.Date.valueOf(w.on.minusDays(90)), java.sql.Date.valueOf(w.on)))),
            // ... and whether they were thanked in person within it. Both once per partner and poll: the
            // bench's partners have referred often enough and been thanked, and ClinicFacts' view keeps
            // a count at its cap and a thank-you found for the rest of the poll.
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("SELECT EXISTS (SELECT 1 FROM bench_outreach_task WHERE clinic_id = ? AND practitioner_id = ?"
                    + " AND type = 'PERSONAL_THANKS' AND created_at >= ?)",
                    w -> p(w.clinic, w.practitioner, Timestamp.from(w.now.toInstant().minusSeconds(90L * 86_400))))),
            // ReferralFactRepository.countReferrals: the partner's running count (ADR 0016), raised once
            // per partner and poll by what PendingReferralCounts holds (one by one: once per referral).
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("INSERT INTO bench_partner_referral_count (clinic_id, practitioner_id, direction, referrals, last_on)"
                    + " VALUES (?, ?, 'RECEIVED', 1, ?) ON DUPLICATE KEY UPDATE referrals = referrals + VALUES(referrals),"
                    + " last_on = GREATEST(last_on, VALUES(last_on))", w -> p(w.clinic, w.practitioner, w.on)))),
            List.of(
            new Sql("INSERT IGNORE INTO bench_referral_fact (clinic_id, referral_id, practitioner_id, direction, occurred_on,"
                    + " treating_name, treating_credentials) VALUES (?, ?, ?, 'RECEIVED', ?, 'Jordan Reyes', 'DC')",
                    w -> p(w.clinic, w.referralId, w.practitioner, w.on)),
            // TaskPlanner: the task, guarded by the unique (clinic_id, dedupe_key) — a replay inserts nothing
            new Sql("INSERT IGNORE INTO bench_outreach_task (id, clinic_id, type, status, practitioner_id, referral_id,"
                    + " channel, channel_provisional, due_on, rule, dedupe_key, note, created_by, created_at, updated_at,"
                    + " version) VALUES (?, ?, 'THANK_YOU', 'OPEN', ?, ?, 'HANDWRITTEN_NOTE', FALSE, ?, 'ThankYou', ?, NULL,"
                    + " 'rule:ThankYou', ?, ?, 0)",
                    w -> p(w.id(1), w.clinic, w.practitioner, w.referralId, w.on, "ThankYou:" + w.referralId, w.now, w.now))),
            // The task's OutreachTaskCreated
            outbox("OutreachTask", 1, Topics.OUTREACH_ACTIVITIES, EventTypes.OUTREACH_TASK_CREATED, 2,
                    "{\"referralId\":\"%s\",\"type\":\"THANK_YOU\",\"status\":\"OPEN\"}"));

    /** ReportQueued as the bench writes it: the referral and the recipient's role. */
    private static final String QUEUED = "{\"referralId\":\"%s\",\"recipientRole\":\"%s\",\"type\":\"INITIAL\"}";

    /**
     * reports-service.referrals (ReferralsHandler → ReferralStore, ReportQueue): the referral
     * copy; the check, with the row locked, whether its patient details came first (they do in
     * the bench: PatientReferred is written first, so the reports are queued now); then
     * ReportQueue.onReferralReceived: each recipient's preferences (referrer and PCP), both
     * recipients' consents for this patient in one read, both reports in one insert guarded by
     * uq_report_recipient, and both ReportQueued events (per poll). The clinic's zone (the consent's
     * day) and each recipient's copy are read once per batch (BatchMemo, ADR 0023).
     */
    static final ConsumerWork REPORTS = new ConsumerWork("reports-service", "reports-service.referrals",
            List.of("processed_event", "referral", "referral_patient", "report", "outbox_event"), List.of(), List.of(
            new Shared(w -> w.clinic, new Sql("SELECT time_zone FROM clinic_profile WHERE clinic_id = ?", w -> p(w.clinic))),
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("SELECT * FROM practitioner WHERE clinic_id = ? AND id = ?", w -> p(w.clinic, w.practitioner))),
            new Shared(w -> w.clinic + "/" + w.primaryCare,
                    new Sql("SELECT * FROM practitioner WHERE clinic_id = ? AND id = ?", w -> p(w.clinic, w.primaryCare)))),
            List.of(
            // ReferralRepository.insert: the patient row claimed first (whichever of the two events comes
            // second waits for the first one's transaction), then the referral copy
            new Sql("INSERT INTO bench_referral_patient (clinic_id, referral_id) VALUES (?, ?)"
                    + " ON DUPLICATE KEY UPDATE referral_id = referral_id", w -> p(w.clinic, w.referralId)),
            new Sql("INSERT IGNORE INTO bench_referral (clinic_id, id, direction, kind, practitioner_id, status, referred_on,"
                    + " requested_service, primary_care_id, treating_name, treating_credentials, patient_reference)"
                    + " VALUES (?, ?, 'RECEIVED', 'REFERRAL', ?, 'RECEIVED', ?, 'Prenatal chiropractic care', ?, 'Jordan Reyes',"
                    + " 'DC', ?)", w -> p(w.clinic, w.referralId, w.practitioner, w.on, w.primaryCare, w.patientReference)),
            new Sql("SELECT r.*, p.first_name, p.last_name, p.birth_date, p.reason, p.diagnosis_codes FROM bench_referral r"
                    + " LEFT JOIN bench_referral_patient p ON p.clinic_id = r.clinic_id AND p.referral_id = r.id"
                    + " WHERE r.clinic_id = ? AND r.id = ? AND r.direction = 'RECEIVED' FOR UPDATE", w -> p(w.clinic, w.referralId)),
            // ConsentLedger.validForEach: both recipients' consents for the patient in one read
            new Sql("SELECT * FROM consent WHERE clinic_id = ? AND patient_reference = ? AND practitioner_id IN (?, ?)",
                    w -> p(w.clinic, w.patientReference, w.practitioner, w.primaryCare)),
            // ReportRepository.insertBothUnlessQueued: both first reports, each guarded by uq_report_recipient
            new Sql("INSERT IGNORE INTO bench_report (id, clinic_id, referral_id, practitioner_id, recipient_role, type,"
                    + " sequence_number, status, patient_reference, queued_at, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, 'REFERRING_PRACTITIONER', 'INITIAL', 1, 'AWAITING_CONSENT', ?, ?, ?, 0),"
                    + " (?, ?, ?, ?, 'PRIMARY_CARE', 'INITIAL', 1, 'AWAITING_CONSENT', ?, ?, ?, 0)",
                    w -> p(w.id(1), w.clinic, w.referralId, w.practitioner, w.patientReference, w.now, w.now,
                            w.id(3), w.clinic, w.referralId, w.primaryCare, w.patientReference, w.now, w.now))),
            // OutboxReportPublisher.queued: both events together
            new Outboxed("Report", Topics.REPORTS, EventTypes.REPORT_QUEUED,
                    new OutboxRow(1, 2, w -> String.format(QUEUED, w.referralId, "REFERRING_PRACTITIONER")),
                    new OutboxRow(3, 4, w -> String.format(QUEUED, w.referralId, "PRIMARY_CARE"))));


    /**
     * reports-service.patients (PatientsHandler), the other consumer reports-service runs during the
     * drain: who the patient is, upserted, then the locked check whether the referral came first. In
     * the bench the PatientReferred is written first, and the ceiling leaves the queueing to the
     * referrals consumer above, which always queues; the service queues on whichever side is second.
     */
    static final ConsumerWork REPORTS_PATIENTS = new ConsumerWork("reports-service", "reports-service.patients",
            Topics.PATIENTS, EventTypes.PATIENT_REFERRED, List.of(), List.of(), List.of(), List.of(
            new Sql("INSERT INTO bench_referral_patient (clinic_id, referral_id, patient_reference, first_name, last_name,"
                    + " birth_date, reason, diagnosis_codes) VALUES (?, ?, ?, 'Elena', ?, ?, ?, 'O26.893,M54.50')"
                    + " ON DUPLICATE KEY UPDATE patient_reference = VALUES(patient_reference), first_name = VALUES(first_name),"
                    + " last_name = VALUES(last_name), birth_date = VALUES(birth_date), reason = VALUES(reason),"
                    + " diagnosis_codes = VALUES(diagnosis_codes)",
                    w -> p(w.clinic, w.referralId, w.patientReference, w.lastName, w.birthDate, Client.REASON)),
            new Sql("SELECT r.*, p.first_name, p.last_name, p.birth_date, p.reason, p.diagnosis_codes FROM bench_referral r"
                    + " LEFT JOIN bench_referral_patient p ON p.clinic_id = r.clinic_id AND p.referral_id = r.id"
                    + " WHERE r.clinic_id = ? AND r.id = ? AND r.direction = 'RECEIVED' AND p.first_name IS NOT NULL FOR UPDATE",
                    w -> p(w.clinic, w.referralId))), null);

    /**
     * contacts-service.referrals (ReferralsHandler → PractitionerDirectory.referrals): per partner
     * named in the batch, however many of its referrals the batch holds, the partner locked and its
     * counters and dates updated once. The practitioner table is copied with its rows, so the lock
     * and the update touch a real row.
     */
    static final ConsumerWork CONTACTS = new ConsumerWork("contacts-service", "contacts-service.referrals",
            List.of("processed_event"), List.of("practitioner"), List.of(
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("SELECT * FROM bench_practitioner WHERE id = ? AND clinic_id = ? FOR UPDATE", w -> p(w.practitioner, w.clinic))),
            new Shared(w -> w.clinic + "/" + w.practitioner,
                    new Sql("UPDATE bench_practitioner SET referrals_received = referrals_received + 1, last_referral_received_on = ?,"
                            + " version = version + 1 WHERE id = ? AND clinic_id = ?", w -> p(w.on, w.practitioner, w.clinic)))),
            List.of(), null);

    /** Every consumer the services run over the drain's backlog, on both referral topics. */
    static final List<ConsumerWork> CONSUMERS = List.of(OUTREACH, REPORTS, REPORTS_PATIENTS, CONTACTS);

    // ------------------------------------------------------------------ running them

    /** Fresh empty copies of {@code writes}, and copies with their rows of {@code copies}. */
    static void shadowTables(Connection c, List<String> writes, List<String> copies) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : writes) {
                st.execute("DROP TABLE IF EXISTS bench_" + t);
                st.execute("CREATE TABLE bench_" + t + " LIKE " + t);
            }
            for (String t : copies) {
                st.execute("DROP TABLE IF EXISTS bench_" + t);
                st.execute("CREATE TABLE bench_" + t + " LIKE " + t);
                String cols = String.join(", ", storedColumns(c, t));
                st.execute("INSERT INTO bench_" + t + " (" + cols + ") SELECT " + cols + " FROM " + t);
            }
        }
    }

    /** The columns a row is written with: not the generated ones, which MariaDB refuses values for. */
    static List<String> storedColumns(Connection c, String table) throws SQLException {
        List<String> cols = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, extra FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(2) == null ? "" : rs.getString(2).toLowerCase(java.util.Locale.ROOT);
                    if (!extra.contains("generated")) {
                        cols.add("`" + rs.getString(1).toLowerCase(java.util.Locale.ROOT) + "`");
                    }
                }
            }
        }
        return cols;
    }

    static void dropShadowTables(Connection c, List<String> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS bench_" + t);
            }
        }
    }

    /** Prepared once per connection, as a pool's statement cache would. */
    static final class Runner {
        private final Connection c;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Runner(Connection c) {
            this.c = c;
        }

        void run(List<Sql> statements, Work w) throws SQLException {
            for (Sql s : statements) {
                send(s, s.params().apply(w));
            }
        }

        /** What the consumer sends for one event applied on its own, in its own transaction. */
        void alone(ConsumerWork work, Work w) throws SQLException {
            run(List.of(work.inboxRow()), w);
            for (Shared shared : work.shared()) {
                run(List.of(shared.sql()), w);
            }
            run(work.perEvent(), w);
            if (work.outbox() != null) {
                send(work.outbox().forEvents(1), work.outbox().params(List.of(w)));
            }
        }

        /** What the consumer sends for a poll's events applied together, in one transaction. */
        void together(ConsumerWork work, List<Work> batch) throws SQLException {
            List<Object> ids = new java.util.ArrayList<>();
            List<Object> rows = new java.util.ArrayList<>();
            for (Work w : batch) {
                ids.add(w.eventId);
                rows.addAll(List.of(w.eventId, w.clinic, w.now));
            }
            send(work.inboxLookUp(batch.size()), ids.toArray());
            send(work.inboxRows(batch.size()), rows.toArray());
            java.util.Set<String> read = new java.util.HashSet<>();
            for (Work w : batch) {
                for (int i = 0; i < work.shared().size(); i++) {
                    Shared shared = work.shared().get(i);
                    if (read.add(i + ":" + shared.key().apply(w))) {
                        run(List.of(shared.sql()), w);
                    }
                }
                run(work.perEvent(), w);
            }
            if (work.outbox() != null) {
                int step = work.outbox().eventsPerInsert();
                for (int from = 0; from < batch.size(); from += step) {
                    List<Work> chunk = batch.subList(from, Math.min(batch.size(), from + step));
                    send(work.outbox().forEvents(chunk.size()), work.outbox().params(chunk));
                }
            }
        }

        private void send(Sql s, Object[] params) throws SQLException {
            PreparedStatement ps = prepared.get(s.text());
            if (ps == null) {
                ps = c.prepareStatement(s.text());
                prepared.put(s.text(), ps);
            }
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
    }

    private ServiceStatements() {
    }
}
