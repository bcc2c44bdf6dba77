package app.rapport.referrals.repository;

import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.StatusChange;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface StatusChangeRepository extends GenericRepository<StatusChange, String> {

    StatusChange save(StatusChange change);

    List<StatusChange> findByClinicIdAndReferralIdOrderByStepAsc(String clinicId, String referralId);

    /** A received referral is ACCEPTED at most once (only from RECEIVED, its first status). */
    List<StatusChange> findByClinicIdAndReferralIdAndToStatus(String clinicId, String referralId, ReferralStatus toStatus);

    long countByClinicIdAndReferralId(String clinicId, String referralId);
}
