package app.rapport.outreach.domain;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A clinic's own wording of one kind of message, as saved; without it the built-in default applies. */
@MappedEntity("message_template")
public record ClinicWording(@EmbeddedId Key key, String subject, String body, String updatedBy, Instant updatedAt,
                            long version) {

    /** One wording per clinic and kind of message. */
    @Embeddable
    public record Key(@MappedProperty("clinic_id") String clinicId, @MappedProperty("kind") MessageTemplate.Kind kind) {
    }

    public MessageTemplate template() {
        return new MessageTemplate(key.kind(), subject, body, true);
    }
}
