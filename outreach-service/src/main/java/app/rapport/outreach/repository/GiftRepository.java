package app.rapport.outreach.repository;

import app.rapport.outreach.domain.Gift;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The ledger. A reversed gift (an invitation not taken up) stays listed but counts nowhere. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface GiftRepository extends GenericRepository<Gift, String> {

    String COUNTED = " AND reversed_on IS NULL";

    Gift save(Gift gift);

    /**
     * What one recipient has received in a calendar year from the whole group, not only this
     * clinic: every gift to this practitioner id, and every gift to a partner with the same NPI in
     * any clinic's directory (one physician, one yearly limit).
     */
    @Query("SELECT COALESCE(SUM(g.amount), 0) FROM gift g LEFT JOIN partner p ON p.clinic_id = g.clinic_id "
            + "AND p.id = g.practitioner_id WHERE g.gift_year = :year AND g.reversed_on IS NULL "
            + "AND (g.practitioner_id = :practitionerId OR (:npi IS NOT NULL AND p.npi = :npi))")
    BigDecimal groupTotalFor(String practitionerId, @Nullable String npi, int year);

    @Query(value = "SELECT * FROM gift WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
            + "AND gift_year = :year ORDER BY given_on, recorded_at",
            countQuery = "SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
                    + "AND gift_year = :year")
    Page<Gift> forRecipient(String clinicId, String practitionerId, int year, Pageable pageable);

    /** The clinic's whole ledger for a calendar year, every recipient. */
    @Query(value = "SELECT * FROM gift WHERE clinic_id = :clinicId AND gift_year = :year ORDER BY given_on, recorded_at",
            countQuery = "SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year")
    Page<Gift> forClinic(String clinicId, int year, Pageable pageable);

    @Query("SELECT COALESCE(SUM(amount), 0) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year" + COUNTED)
    BigDecimal clinicTotal(String clinicId, int year);

    @Query("SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year" + COUNTED)
    long clinicCount(String clinicId, int year);

    @Query("SELECT COUNT(DISTINCT practitioner_id) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year" + COUNTED)
    long clinicRecipients(String clinicId, int year);

    /** The gifts a task gave that still count, locked: an invitation's certificate or evaluation. */
    @Query("SELECT * FROM gift WHERE clinic_id = :clinicId AND task_id = :taskId" + COUNTED + " FOR UPDATE")
    List<Gift> countedForTask(String clinicId, String taskId);

    /** Takes a gift off the ledger; 0 when it already was (so it is reversed, and published, once). */
    @Query("UPDATE gift SET reversed_on = :on, reversal_reason = :reason WHERE id = :id AND reversed_on IS NULL")
    long reverse(String id, LocalDate on, String reason);
}
