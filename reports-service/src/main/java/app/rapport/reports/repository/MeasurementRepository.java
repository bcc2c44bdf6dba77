package app.rapport.reports.repository;

import app.rapport.reports.domain.Measurement;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MeasurementRepository extends GenericRepository<Measurement, String> {

    Measurement save(Measurement measurement);

    Measurement update(Measurement measurement);

    void delete(Measurement measurement);

    Optional<Measurement> findByIdAndClinicId(String id, String clinicId);

    Page<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId, Pageable pageable);

    List<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId);

    /** What a report sent at {@code sentAt} was built from: nothing entered after it creeps into it later. */
    List<Measurement> findByClinicIdAndReferralIdAndRecordedAtLessThanEquals(String clinicId, String referralId,
                                                                             Instant sentAt);
}
