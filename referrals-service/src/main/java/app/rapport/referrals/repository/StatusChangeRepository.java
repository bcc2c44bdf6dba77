package app.rapport.referrals.repository;

import app.rapport.referrals.domain.StatusChange;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface StatusChangeRepository extends GenericRepository<StatusChange, String> {

    StatusChange save(StatusChange change);

    List<StatusChange> findByClinicIdAndReferralIdOrderByStepAsc(String clinicId, String referralId);

    long countByClinicIdAndReferralId(String clinicId, String referralId);
}
