package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Attachment;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AttachmentRepository extends GenericRepository<Attachment, String> {

    Attachment save(Attachment attachment);

    /** A referral's attachments in one JDBC batch. */
    List<Attachment> saveAll(Iterable<Attachment> attachments);

    List<Attachment> findByClinicIdAndReferralIdOrderByListOrderAsc(String clinicId, String referralId);
}
