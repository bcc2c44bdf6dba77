package app.rapport.outreach.repository;

import app.rapport.outreach.domain.TaskType;
import app.rapport.platform.persistence.ListQuery;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the rules ask about one partner on every referral, answered without reading the partner's
 * whole history (ADR 0016): running counts kept per partner and direction, counts that stop at the
 * rule's threshold, and EXISTS over an index. Each read touches a number of rows that does not grow
 * with how long the clinic has worked with them.
 */
@Singleton
public class PartnerHistory {

    private final Jdbc jdbc;

    public PartnerHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one more referral with the partner. Called once per referral, when it is first
     * recorded (a replay is not counted again), in the transaction that records it, so the count
     * and the referrals never disagree.
     */
    public void countReferral(String clinicId, String practitionerId, String direction, LocalDate on) {
        jdbc.update("INSERT INTO partner_referral_count (clinic_id, practitioner_id, direction, referrals, last_on) "
                        + "VALUES (?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE referrals = referrals + 1, "
                        + "last_on = GREATEST(last_on, VALUES(last_on))",
                clinicId, practitionerId, direction, on);
    }

    /** The partner's running count of referrals in {@code direction}: one row by its key. */
    public static ListQuery referralCount(String clinicId, String practitionerId, String direction) {
        return ListQuery.from("partner_referral_count").select("referrals").where("clinic_id = ?", clinicId)
                .where("practitioner_id = ?", practitionerId).where("direction = ?", direction);
    }

    /** How many referrals in {@code direction} there have been with the partner. */
    public long referrals(String clinicId, String practitionerId, String direction) {
        ListQuery query = referralCount(clinicId, practitionerId, direction);
        return jdbc.query(query.selectSql(), rs -> rs.getLong(1), query.params().toArray())
                .stream().findFirst().orElse(0L);
    }

    /** Partners with at least {@code minimum} referrals in {@code direction}, by id. */
    public static ListQuery countsOfAtLeast(String clinicId, String direction, int minimum) {
        return ListQuery.from("partner_referral_count").select("practitioner_id").where("clinic_id = ?", clinicId)
                .where("direction = ?", direction).where("referrals >= ?", minimum).orderBy("practitioner_id");
    }

    public List<String> partnersWithAtLeast(String clinicId, String direction, int minimum) {
        ListQuery query = countsOfAtLeast(clinicId, direction, minimum);
        return jdbc.query(query.selectSql(), rs -> rs.getString(1), query.params().toArray());
    }

    /** The referrals in {@code direction} with the partner from {@code from} to {@code to}, both days included. */
    public static ListQuery referralsBetween(String clinicId, String practitionerId, String direction,
                                             LocalDate from, LocalDate to) {
        return ListQuery.from("referral_fact").where("clinic_id = ?", clinicId)
                .where("practitioner_id = ?", practitionerId).where("direction = ?", direction)
                .where("occurred_on BETWEEN ? AND ?", java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
    }

    /** {@link #referralsBetween}, counted up to {@code atMost}: the index range is read no further. */
    public long countReferralsBetween(String clinicId, String practitionerId, String direction, LocalDate from,
                                      LocalDate to, int atMost) {
        if (atMost <= 0) {
            return 0;
        }
        ListQuery query = referralsBetween(clinicId, practitionerId, direction, from, to);
        return jdbc.query(boundedCount(query, atMost), rs -> rs.getLong(1), query.params().toArray()).get(0);
    }

    /** Counts at most {@code atMost} rows of {@code query}. */
    public static String boundedCount(ListQuery query, int atMost) {
        return query.boundedCountSql(atMost - 1);
    }

    /** The partner's tasks of one type created at or after {@code since}. */
    public static ListQuery tasksCreatedSince(String clinicId, String practitionerId, TaskType type, Instant since) {
        return ListQuery.from("outreach_task").where("clinic_id = ?", clinicId)
                .where("practitioner_id = ?", practitionerId).where("type = ?", type)
                .where("created_at >= ?", Timestamp.from(since));
    }

    public static String exists(ListQuery query) {
        return "SELECT EXISTS (SELECT 1 " + query.fromWhere() + ")";
    }

    /** Whether a task of this type was created for the partner at or after {@code since}. */
    public boolean taskCreatedSince(String clinicId, String practitionerId, TaskType type, Instant since) {
        ListQuery query = tasksCreatedSince(clinicId, practitionerId, type, since);
        return jdbc.query(exists(query), rs -> rs.getBoolean(1), query.params().toArray()).get(0);
    }
}
