package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Visit;
import app.rapport.referrals.domain.VisitType;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface VisitRepository extends GenericRepository<Visit, String> {

    Visit save(Visit visit);

    long countByClinicIdAndReferralId(String clinicId, String referralId);

    List<Visit> findByClinicIdAndReferralIdOrderByVisitNumberAsc(String clinicId, String referralId);

    Optional<Visit> findByClinicIdAndSourceAndExternalRef(String clinicId, String source, String externalRef);

    List<Visit> findByClinicIdAndReferralIdAndVisitDateAndType(String clinicId, String referralId, LocalDate visitDate,
                                                               VisitType type);
}
