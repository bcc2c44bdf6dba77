package app.rapport.outreach.repository;

import app.rapport.outreach.domain.Gift;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface GiftRepository extends GenericRepository<Gift, String> {

    Gift save(Gift gift);

    /** What one recipient has received from the clinic in a calendar year. */
    @Query("SELECT COALESCE(SUM(amount), 0) FROM gift WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
            + "AND gift_year = :year")
    BigDecimal totalFor(String clinicId, String practitionerId, int year);

    @Query(value = "SELECT * FROM gift WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
            + "AND gift_year = :year ORDER BY given_on, recorded_at",
            countQuery = "SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
                    + "AND gift_year = :year")
    Page<Gift> forRecipient(String clinicId, String practitionerId, int year, Pageable pageable);

    /** The clinic's whole ledger for a calendar year, every recipient. */
    @Query(value = "SELECT * FROM gift WHERE clinic_id = :clinicId AND gift_year = :year ORDER BY given_on, recorded_at",
            countQuery = "SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year")
    Page<Gift> forClinic(String clinicId, int year, Pageable pageable);

    @Query("SELECT COALESCE(SUM(amount), 0) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year")
    BigDecimal clinicTotal(String clinicId, int year);

    @Query("SELECT COUNT(*) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year")
    long clinicCount(String clinicId, int year);

    @Query("SELECT COUNT(DISTINCT practitioner_id) FROM gift WHERE clinic_id = :clinicId AND gift_year = :year")
    long clinicRecipients(String clinicId, int year);
}
