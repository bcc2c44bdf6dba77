package app.rapport.outreach.repository;

import app.rapport.outreach.domain.MessageTemplate;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

    /** The version of the clinic's own wording of a kind; 0 while it uses the built-in one. */
    public long version(String clinicId, MessageTemplate.Kind kind) {
        return jdbc.version("message_template", key(clinicId, kind));
    }

    /** @return false when {@code expected} is not the current version: nothing was written */
    public boolean save(String clinicId, MessageTemplate template, String user, Instant now, OptionalLong expected) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", template.subject());
        values.put("body", template.body());
        values.put("updated_by", user);
        values.put("updated_at", now);
        return jdbc.writeVersioned("message_template", key(clinicId, template.kind()), values, expected);
    }

    private static Map<String, Object> key(String clinicId, MessageTemplate.Kind kind) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("clinic_id", clinicId);
        key.put("kind", kind);
        return key;
    }
}
