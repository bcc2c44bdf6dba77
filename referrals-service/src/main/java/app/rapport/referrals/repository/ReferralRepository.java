package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReferralRepository extends GenericRepository<Referral, String> {

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

    @Introspected
    record StatusCount(String status, long referrals) {
    }
}
