package app.rapport.outreach.web;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.ClinicProfiles;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.plugin.channels.Templates;
import app.rapport.outreach.repository.TemplateRepository;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;

/**
 * The clinic's wording of thank-you, invitation and check-in messages (e-mail and printed card),
 * and a preview of it filled in for a sample partner by the same code a delivery uses.
 */
@Controller("/api/v1/templates")
@Tag(name = "Message templates")
public class TemplateController {

    private final TemplateRepository templates;
    private final ClinicProfiles clinics;
    private final Clock clock;

    public TemplateController(TemplateRepository templates, ClinicProfiles clinics, Clock clock) {
        this.templates = templates;
        this.clinics = clinics;
        this.clock = clock;
    }

    @Get("/{kind}")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The clinic's wording of one kind (THANK_YOU, PERSONAL_THANKS, CHECK_IN, NEW_CONTACT, "
            + "INTRO_MEETING, INVITATION), or the default when it has none")
    public HttpResponse<TemplateView> read(Caller caller, @PathVariable String kind) {
        MessageTemplate t = current(caller, kind);
        long version = templates.version(caller.clinicId(), t.kind());
        return Versions.tagged(HttpResponse.ok(TemplateView.of(t, version)), version);
    }

    @Get("/{kind}/preview")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The clinic's saved template as a sample partner would read it, placeholders filled")
    public TemplatePreview previewSaved(Caller caller, @PathVariable String kind) {
        return TemplatePreview.of(current(caller, kind), clinics.of(caller.clinicId()));
    }

    @Post("/{kind}/preview")
    @app.rapport.platform.idempotency.ReadOnlyPost
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "Wording not saved yet, as a sample partner would read it; nothing is stored")
    public TemplatePreview previewDraft(Caller caller, @PathVariable String kind, @Valid @Body Requests.Template body) {
        MessageTemplate.Kind k = Params.enumValue("kind", kind, MessageTemplate.Kind.class);
        return TemplatePreview.of(new MessageTemplate(k, body.subject(), body.body(), true), clinics.of(caller.clinicId()));
    }

    private MessageTemplate current(Caller caller, String kind) {
        MessageTemplate.Kind k = Params.enumValue("kind", kind, MessageTemplate.Kind.class);
        return templates.find(caller.clinicId(), k).orElse(MessageTemplate.defaultFor(k));
    }

    @Put("/{kind}")
    @Secured({Roles.STAFF, Roles.GROUP_ADMIN})
    @Operation(summary = "Write the clinic's own template; placeholders {{partnerName}}, "
            + "{{partnerFullName}}, {{offer}}, {{clinicName}}, {{signature}}")
    public HttpResponse<TemplateView> write(Caller caller, @PathVariable String kind,
                                            @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                            @Valid @Body Requests.Template body) {
        MessageTemplate.Kind k = Params.enumValue("kind", kind, MessageTemplate.Kind.class);
        MessageTemplate t = new MessageTemplate(k, body.subject(), body.body(), true);
        if (!templates.save(caller.clinicId(), t, caller.user(), clock.instant(), Versions.expected(ifMatch))) {
            throw Versions.stale("The clinic's " + k + " wording", templates.version(caller.clinicId(), k));
        }
        long version = templates.version(caller.clinicId(), k);
        return Versions.tagged(HttpResponse.ok(TemplateView.of(t, version)), version);
    }

    @Serdeable
    public record TemplateView(String kind, String subject, String body, boolean custom, long version) {
        static TemplateView of(MessageTemplate t, long version) {
            return new TemplateView(t.kind().name(), t.subject(), t.body(), t.custom(), version);
        }
    }

    /** The message as its recipient reads it; {@code recipient} names the sample partner it is filled for. */
    @Serdeable
    public record TemplatePreview(String kind, String subject, String body, String recipient) {
        static TemplatePreview of(MessageTemplate t, ClinicProfile clinic) {
            MessageTemplate filled = Templates.preview(t, clinic);
            return new TemplatePreview(t.kind().name(), filled.subject(), filled.body(), Templates.sampleRecipient());
        }
    }
}
