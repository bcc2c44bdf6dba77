package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReferralRepository extends GenericRepository<Referral, String> {

    /** Everything the list filters on except the status, so the status chips count what the list would show. */
    String SCOPE = "FROM referral WHERE clinic_id = :clinicId"
            + " AND (:direction IS NULL OR direction = :direction)"
            + " AND (:practitionerId IS NULL OR practitioner_id = :practitionerId)"
            + " AND (:fromDate IS NULL OR referred_on >= :fromDate)"
            + " AND (:toDate IS NULL OR referred_on <= :toDate)"
            // :namePrefix is a LIKE pattern from NameSearch; both subqueries are prefix range scans
            // of the (clinic_id, search_name[_rev]) indexes of V2.
            + " AND (:namePrefix IS NULL"
            + " OR patient_id IN (SELECT p.id FROM patient p WHERE p.clinic_id = :clinicId"
            + " AND (p.search_name LIKE :namePrefix OR p.search_name_rev LIKE :namePrefix))"
            + " OR practitioner_id IN (SELECT d.practitioner_id FROM partner d WHERE d.clinic_id = :clinicId"
            + " AND (d.search_name LIKE :namePrefix OR d.search_name_rev LIKE :namePrefix)))";

    String FILTER = SCOPE + " AND (:status IS NULL OR status = :status)";

    Referral save(Referral referral);

    Referral update(Referral referral);

    Optional<Referral> findByIdAndClinicId(String id, String clinicId);

    List<Referral> findByClinicIdAndPatientIdInAndDirectionAndStatusIn(String clinicId, Collection<String> patientIds,
                                                                       Direction direction,
                                                                       Collection<ReferralStatus> statuses);

    /** Locks the referral for the rest of the transaction, so visit numbers and status moves queue up. */
    @Query("SELECT * FROM referral WHERE id = :id AND clinic_id = :clinicId FOR UPDATE")
    Optional<Referral> lockByIdAndClinicId(String id, String clinicId);

    /** Moves the status only if it still is {@code fromStatus}; 0 rows means someone else moved it first. */
    @Query("UPDATE referral SET status = :toStatus, updated_at = :at, version = version + 1 WHERE id = :id AND clinic_id = :clinicId AND status = :fromStatus")
    long moveStatus(String id, String clinicId, String fromStatus, String toStatus, Instant at);

    @Query(value = "SELECT * " + FILTER + " ORDER BY referred_on DESC, created_at DESC, id",
            countQuery = "SELECT COUNT(*) " + FILTER)
    Page<Referral> search(String clinicId, @Nullable String direction, @Nullable String status,
                          @Nullable String practitionerId, @Nullable LocalDate fromDate, @Nullable LocalDate toDate,
                          @Nullable String namePrefix, Pageable pageable);

    /** How many referrals the list would show for each status that has any. */
    @Query("SELECT status, COUNT(*) AS referrals " + SCOPE + " GROUP BY status")
    List<StatusCount> countByStatus(String clinicId, @Nullable String direction, @Nullable String practitionerId,
                                    @Nullable LocalDate fromDate, @Nullable LocalDate toDate,
                                    @Nullable String namePrefix);

    @Introspected
    record StatusCount(String status, long referrals) {
    }
}
