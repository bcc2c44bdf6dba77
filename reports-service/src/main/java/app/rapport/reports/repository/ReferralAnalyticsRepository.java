package app.rapport.reports.repository;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The aggregations behind the analytics, over the read models the event handlers keep. Every
 * query reads the clinics it is given (the caller's own, or the group's for a roll-up) and sums
 * across them; the rows' columns are named as their record components, snake_case.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReferralAnalyticsRepository extends GenericRepository<ReferralEntry, ReferralKey> {

    String NAME = "MAX(CONCAT(p.first_name, ' ', p.last_name))";
    String JOIN_PARTNER = " LEFT JOIN practitioner p ON p.clinic_id = r.clinic_id AND p.id = r.practitioner_id ";
    String RECEIVED_BETWEEN = " WHERE r.clinic_id IN (:clinicIds) AND r.direction = 'RECEIVED' "
            + "AND r.referred_on BETWEEN :from AND :to ";

    @Introspected
    record SourceCount(String practitionerId, @Nullable String practitionerName, @Nullable String specialty,
                       long received) {
    }

    @Introspected
    record SpecialtyCount(String specialty, long received) {
    }

    @Introspected
    record MonthCount(String month, long received) {
    }

    @Introspected
    record ConversionRow(String practitionerId, @Nullable String practitionerName, long received, long firstVisits,
                         @Nullable BigDecimal averageDaysToFirstVisit) {
    }

    /** A source's visits and billed total in one currency ({@code currency} null when none was billed). */
    @Introspected
    record BilledRow(String practitionerId, @Nullable String practitionerName, long referrals, long visits,
                     BigDecimal billed, @Nullable String currency) {
    }

    @Introspected
    record SpentRow(String practitionerId, @Nullable String practitionerName, BigDecimal spent, String currency) {
    }

    @Introspected
    record PartnerRow(String practitionerId, @Nullable String practitionerName, @Nullable String specialty,
                      long received, long sent, @Nullable LocalDate firstReferralOn,
                      @Nullable LocalDate lastReferralOn, @Nullable LocalDate lastSentOn) {
    }

    @Introspected
    record ThankYouRow(String clinicId, String practitionerId, @Nullable String practitionerName,
                       LocalDate referredOn, Instant completedAt) {
    }

    @Query(value = "SELECT r.practitioner_id, " + NAME + " AS practitioner_name, MAX(p.specialty) AS specialty, "
            + "COUNT(*) AS received FROM referral r" + JOIN_PARTNER + RECEIVED_BETWEEN
            + "GROUP BY r.practitioner_id ORDER BY received DESC, r.practitioner_id", nativeQuery = true)
    List<SourceCount> receivedBySource(Collection<String> clinicIds, LocalDate from, LocalDate to);

    @Query(value = "SELECT COALESCE(p.specialty, 'UNKNOWN') AS specialty, COUNT(*) AS received FROM referral r"
            + JOIN_PARTNER + RECEIVED_BETWEEN + "GROUP BY COALESCE(p.specialty, 'UNKNOWN') ORDER BY received DESC, specialty",
            nativeQuery = true)
    List<SpecialtyCount> receivedBySpecialty(Collection<String> clinicIds, LocalDate from, LocalDate to);

    /** Only the months that had referrals. */
    @Query(value = "SELECT DATE_FORMAT(r.referred_on, '%Y-%m') AS month, COUNT(*) AS received FROM referral r"
            + RECEIVED_BETWEEN + "GROUP BY DATE_FORMAT(r.referred_on, '%Y-%m') ORDER BY month", nativeQuery = true)
    List<MonthCount> receivedByMonth(Collection<String> clinicIds, LocalDate from, LocalDate to);

    @Query(value = "SELECT r.practitioner_id, " + NAME + " AS practitioner_name, COUNT(*) AS received, "
            + "COUNT(v.first_visit) AS first_visits, AVG(DATEDIFF(v.first_visit, r.referred_on)) "
            + "AS average_days_to_first_visit FROM referral r" + JOIN_PARTNER
            + "LEFT JOIN (SELECT clinic_id, referral_id, MIN(visit_date) AS first_visit FROM visit "
            + "GROUP BY clinic_id, referral_id) v ON v.clinic_id = r.clinic_id AND v.referral_id = r.id"
            + RECEIVED_BETWEEN + "GROUP BY r.practitioner_id ORDER BY r.practitioner_id", nativeQuery = true)
    List<ConversionRow> conversion(Collection<String> clinicIds, LocalDate from, LocalDate to);

    /**
     * One row per source and currency; a visit with nothing billed counts in its source's row for
     * the currency that source was billed in (the first, alphabetically), see ReferralAnalytics.
     */
    @Query(value = "SELECT r.practitioner_id, " + NAME + " AS practitioner_name, "
            + "COUNT(DISTINCT r.clinic_id, r.referral_id) AS referrals, COUNT(*) AS visits, "
            + "COALESCE(SUM(r.billed_amount), 0) AS billed, COALESCE(r.currency, b.currency) AS currency "
            + "FROM visit r" + JOIN_PARTNER
            + "LEFT JOIN (SELECT r.practitioner_id, MIN(r.currency) AS currency FROM visit r "
            + "WHERE r.clinic_id IN (:clinicIds) AND r.visit_date BETWEEN :from AND :to AND r.currency IS NOT NULL "
            + "GROUP BY r.practitioner_id) b ON b.practitioner_id = r.practitioner_id "
            + "WHERE r.clinic_id IN (:clinicIds) AND r.visit_date BETWEEN :from AND :to "
            + "GROUP BY r.practitioner_id, COALESCE(r.currency, b.currency) "
            + "ORDER BY billed DESC, r.practitioner_id, COALESCE(r.currency, b.currency)", nativeQuery = true)
    List<BilledRow> billed(Collection<String> clinicIds, LocalDate from, LocalDate to);

    /** Gifts and invitations given in the range and not reversed, per source and currency. */
    @Query(value = "SELECT r.practitioner_id, " + NAME + " AS practitioner_name, SUM(r.amount) AS spent, r.currency "
            + "FROM gift_spend r" + JOIN_PARTNER + "WHERE r.clinic_id IN (:clinicIds) AND r.given_on BETWEEN :from AND :to "
            + "AND r.reversed_on IS NULL GROUP BY r.practitioner_id, r.currency "
            + "ORDER BY SUM(r.amount) DESC, r.practitioner_id, r.currency", nativeQuery = true)
    List<SpentRow> spent(Collection<String> clinicIds, LocalDate from, LocalDate to);

    String PARTNERS = "SELECT r.practitioner_id, " + NAME + " AS practitioner_name, MAX(p.specialty) AS specialty, "
            + "SUM(CASE WHEN r.direction = 'RECEIVED' THEN 1 ELSE 0 END) AS received, "
            + "SUM(CASE WHEN r.direction = 'SENT' THEN 1 ELSE 0 END) AS sent, "
            + "MIN(CASE WHEN r.direction = 'RECEIVED' THEN r.referred_on END) AS first_referral_on, "
            + "MAX(CASE WHEN r.direction = 'RECEIVED' THEN r.referred_on END) AS last_referral_on, "
            + "MAX(CASE WHEN r.direction = 'SENT' THEN r.referred_on END) AS last_sent_on "
            + "FROM referral r" + JOIN_PARTNER + "WHERE r.clinic_id IN (:clinicIds) AND r.referred_on BETWEEN :from AND :to";

    /** Every referral between the two days, both ways, per partner. */
    @Query(value = PARTNERS + " GROUP BY r.practitioner_id ORDER BY r.practitioner_id", nativeQuery = true)
    List<PartnerRow> partners(Collection<String> clinicIds, LocalDate from, LocalDate to);

    /** As {@link #partners}, without the ones the clinic archived (one not in the directory copy yet stays). */
    @Query(value = PARTNERS + " AND (p.archived IS NULL OR NOT p.archived) GROUP BY r.practitioner_id "
            + "ORDER BY r.practitioner_id", nativeQuery = true)
    List<PartnerRow> unarchivedPartners(Collection<String> clinicIds, LocalDate from, LocalDate to);

    /** The thank-yous for the referrals received between the two days. */
    @Query(value = "SELECT t.clinic_id, t.practitioner_id, CONCAT(p.first_name, ' ', p.last_name) AS practitioner_name, "
            + "r.referred_on, t.completed_at FROM thank_you t "
            + "JOIN referral r ON r.clinic_id = t.clinic_id AND r.id = t.referral_id "
            + "LEFT JOIN practitioner p ON p.clinic_id = t.clinic_id AND p.id = t.practitioner_id "
            + "WHERE r.clinic_id IN (:clinicIds) AND r.referred_on BETWEEN :from AND :to ORDER BY t.practitioner_id",
            nativeQuery = true)
    List<ThankYouRow> thankYous(Collection<String> clinicIds, LocalDate from, LocalDate to);
}
