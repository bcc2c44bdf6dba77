package app.rapport.platform.sample;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

@Controller("/api/v1/test-notes")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class NoteController {

    /** A note whose text starts with this fails with a 500 the first time it is written. */
    public static final String FAIL_ONCE = "fail-once";
    /** A note whose text starts with this is refused with a 429 the first time it is written. */
    public static final String BUSY_ONCE = "busy-once";
    private static final java.util.Set<String> FAILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final NoteRepository notes;
    private final Outbox outbox;

    public NoteController(NoteRepository notes, Outbox outbox) {
        this.notes = notes;
        this.outbox = outbox;
    }

    @Post
    @Transactional
    public HttpResponse<Note> create(Caller caller, @Valid @Body NewNote body) {
        if (body.text().startsWith(FAIL_ONCE) && FAILED.add(body.text())) {
            throw new IllegalStateException("A failure the idempotency tests ask for");
        }
        if (body.text().startsWith(BUSY_ONCE) && FAILED.add(body.text())) {
            throw new ProblemException(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many requests", "Try again in a second").withHeader("Retry-After", "1");
        }
        Note note = notes.save(new Note(UUID.randomUUID().toString(), caller.clinicId(), body.text()));
        outbox.record(caller.clinicId(), "Note", note.id(), EventTypes.PRACTITIONER_REGISTERED,
                new NoteWritten(note.id(), note.text(), caller.clinicId()));
        return HttpResponse.created(note);
    }

    @Get("/{id}")
    public Note read(Caller caller, String id) {
        return notes.findByIdAndClinicId(id, caller.clinicId()).orElseThrow(() -> ProblemException.notFound("Note", id));
    }

    @Serdeable
    public record NewNote(@NotBlank @Size(max = 500) String text) {
    }
}
