package app.rapport.outreach.repository;

import app.rapport.outreach.domain.ReferralCount;
import app.rapport.outreach.domain.TaskType;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the rules ask about one partner on every referral, answered without reading the partner's
 * whole history (ADR 0016): running counts kept per partner and direction (raised by
 * {@link ReferralFactRepository#record}, in a consumer's batch once per partner), counts that stop at the rule's threshold, and EXISTS over
 * an index. Each read touches a number of rows that does not grow with how long the clinic has
 * worked with them. The statements are constants so that a test can show the database's plan for each.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PartnerHistory extends GenericRepository<ReferralCount, ReferralCount.Key> {

    /** The partner's running count of referrals in one direction: one row by its key. */
    String REFERRAL_COUNT = "SELECT referrals FROM partner_referral_count WHERE clinic_id = :clinicId "
            + "AND practitioner_id = :practitionerId AND direction = :direction";

    /** Partners with at least {@code minimum} referrals in one direction, by id. */
    String COUNTS_OF_AT_LEAST = "SELECT practitioner_id FROM partner_referral_count WHERE clinic_id = :clinicId "
            + "AND direction = :direction AND referrals >= :minimum ORDER BY practitioner_id";

    /** The referrals in one direction with the partner between two days (both included), counted up to {@code atMost}. */
    String REFERRALS_BETWEEN = "SELECT COUNT(*) FROM (SELECT 1 FROM referral_fact WHERE clinic_id = :clinicId "
            + "AND practitioner_id = :practitionerId AND direction = :direction AND occurred_on BETWEEN :from AND :to "
            + "LIMIT :atMost) capped";

    /** Whether the partner has a task of one type created at or after {@code since}: 1 or 0. */
    String TASK_CREATED_SINCE = "SELECT EXISTS (SELECT 1 FROM outreach_task WHERE clinic_id = :clinicId "
            + "AND practitioner_id = :practitionerId AND type = :type AND created_at >= :since)";

    @Query(REFERRAL_COUNT)
    Optional<Long> referralCount(String clinicId, String practitionerId, String direction);

    /** How many referrals in {@code direction} there have been with the partner, a consumer batch's own included. */
    default long referrals(String clinicId, String practitionerId, String direction) {
        return referralCount(clinicId, practitionerId, direction).orElse(0L)
                + PendingReferralCounts.open().map(p -> p.of(clinicId, practitionerId, direction)).orElse(0);
    }

    /** Partners with at least {@code minimum} referrals in {@code direction}, by id, a consumer batch's own included. */
    default List<String> partnersWithAtLeast(String clinicId, String direction, int minimum) {
        // The count is in the WHERE clause: a batch's pending counts are written first, so the query sees them.
        PendingReferralCounts.open().ifPresent(PendingReferralCounts::write);
        return countedAtLeast(clinicId, direction, minimum);
    }

    @Query(COUNTS_OF_AT_LEAST)
    List<String> countedAtLeast(String clinicId, String direction, int minimum);

    @Query(REFERRALS_BETWEEN)
    long referralsBetween(String clinicId, String practitionerId, String direction, LocalDate from, LocalDate to,
                          int atMost);

    /**
     * The referrals in {@code direction} with the partner from {@code from} to {@code to}, both days
     * included, counted up to {@code atMost}: the index range is read no further.
     */
    default long countReferralsBetween(String clinicId, String practitionerId, String direction, LocalDate from,
                                       LocalDate to, int atMost) {
        return atMost <= 0 ? 0 : referralsBetween(clinicId, practitionerId, direction, from, to, atMost);
    }

    @Query(TASK_CREATED_SINCE)
    int tasksCreatedSince(String clinicId, String practitionerId, String type, Instant since);

    /** Whether a task of this type was created for the partner at or after {@code since}. */
    default boolean taskCreatedSince(String clinicId, String practitionerId, TaskType type, Instant since) {
        return tasksCreatedSince(clinicId, practitionerId, type.name(), since) == 1;
    }
}
