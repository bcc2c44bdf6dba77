package app.rapport.outreach.repository;

import app.rapport.outreach.domain.MessageTemplate;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** Each clinic's own wording of thank-you and invitation messages. */
@Singleton
public class TemplateRepository {

    private final Jdbc jdbc;

    public TemplateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageTemplate> find(String clinicId, MessageTemplate.Kind kind) {
        return jdbc.query("SELECT kind, subject, body FROM message_template WHERE clinic_id = ? AND kind = ?",
                rs -> new MessageTemplate(MessageTemplate.Kind.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), true), clinicId, kind).stream().findFirst();
    }

    public void save(String clinicId, MessageTemplate template, String user, Instant now) {
        jdbc.update("INSERT INTO message_template (clinic_id, kind, subject, body, updated_by, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE subject = VALUES(subject), body = VALUES(body), "
                        + "updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)",
                clinicId, template.kind(), template.subject(), template.body(), user, now);
    }
}
