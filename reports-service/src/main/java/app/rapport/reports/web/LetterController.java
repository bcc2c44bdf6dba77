package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import app.rapport.reports.domain.Letter;
import app.rapport.reports.domain.LetterKind;
import app.rapport.reports.domain.Letters;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.plugin.LetterPdfRenderer;
import app.rapport.reports.plugin.MailText;
import app.rapport.reports.web.ReportViews.DisclosureView;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The second-opinion request and the treatment inquiry: drafted on a received referral, previewed
 * as PDF or e-mail text, sent like a report (consent-gated, logged as a disclosure).
 */
@Controller("/api/v1/letters")
@Tag(name = "Letters")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class LetterController {

    private final Letters letters;
    private final LetterPdfRenderer pdf;
    private final MailText text;

    public LetterController(Letters letters, LetterPdfRenderer pdf, MailText text) {
        this.letters = letters;
        this.pdf = pdf;
        this.text = text;
    }

    /**
     * @param practitionerId   the directory practitioner the letter goes to
     * @param currentCondition the patient's current condition (history and examination summary): required for a second-opinion request
     * @param treatment        the prescription or treatment an inquiry asks about: required for a TREATMENT_INQUIRY
     * @param question         the question asked
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewLetter(@NotNull @Pattern(regexp = ReportController.UUID) String referralId,
                            @NotNull LetterKind kind,
                            @NotNull @Pattern(regexp = ReportController.UUID) String practitionerId,
                            @Nullable @Size(max = 8000) String currentCondition,
                            @Nullable @Size(max = 1000) String treatment,
                            @NotBlank @Size(max = 2000) String question) {
    }

    @Serdeable
    public record LetterView(String id, String referralId, LetterKind kind, String practitionerId,
                             String patientReference, @Nullable String currentCondition, @Nullable String treatment,
                             String question, Letter.Status status, String writtenBy, Instant createdAt,
                             Instant updatedAt, @Nullable Instant sentAt, @Nullable ReportChannel sentChannel,
                             @Nullable String consentId, long version) {
        static LetterView of(Letter l) {
            return new LetterView(l.id(), l.referralId(), l.kind(), l.practitionerId(), l.patientReference(),
                    l.currentCondition(), l.treatment(), l.question(), l.status(), l.writtenBy(), l.createdAt(),
                    l.updatedAt(), l.sentAt(), l.sentChannel(), l.consentId(), l.version());
        }
    }

    /** A draft letter; unknown members (such as advice on the other provider's treatment) are refused with 400. */
    @Post
    @Secured(Roles.CLINICIAN)
    public HttpResponse<LetterView> create(Caller caller, @Valid @Body NewLetter body) {
        Letter letter = letters.draft(caller.clinicId(), caller.user(), new Letters.Draft(body.referralId(), body.kind(),
                body.practitionerId(), body.currentCondition(), body.treatment(), body.question()));
        return HttpResponse.created(LetterView.of(letter));
    }

    /** The letters written on one received referral, oldest first. */
    @Get("{?referralId}")
    @Transactional(readOnly = true)
    public Page<LetterView> list(Caller caller, @Nullable @QueryValue @Pattern(regexp = ReportController.UUID) String referralId) {
        if (referralId == null) {
            throw ProblemException.invalidField("referralId", "is required: the received referral the letters concern");
        }
        List<LetterView> items = letters.onReferral(caller.clinicId(), referralId).stream().map(LetterView::of).toList();
        return new Page<>(items, 0, items.size(), items.size());
    }

    @Get("/{id}")
    public HttpResponse<LetterView> read(Caller caller, String id) {
        Letter l = letters.find(caller.clinicId(), id);
        return Versions.tagged(HttpResponse.ok(LetterView.of(l)), l.version());
    }

    /** The letter as it will go out: {@code Accept: application/pdf} (the default) or {@code text/plain} (the e-mail's text). */
    @Get(value = "/{id}/preview", produces = {"application/pdf", MediaType.TEXT_PLAIN})
    @Transactional(readOnly = true)
    public HttpResponse<byte[]> preview(HttpRequest<?> request, Caller caller, String id) {
        var document = letters.assemble(letters.find(caller.clinicId(), id));
        boolean plain = request.getHeaders().accept().stream().anyMatch(m -> m.getName().equals(MediaType.TEXT_PLAIN))
                && request.getHeaders().accept().stream().noneMatch(m -> m.getName().equals("application/pdf"));
        if (plain) {
            return HttpResponse.ok(text.letter(document).getBytes(StandardCharsets.UTF_8))
                    .contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.ok(pdf.render(document)).contentType(MediaType.of("application/pdf"));
    }

    /** Sends the letter on a channel (default: the partner's preference) under a consent valid today. */
    @Post("/{id}/send")
    @Secured(Roles.CLINICIAN)
    public DisclosureView send(Caller caller, String id, @Nullable @Valid @Body ReportController.SendRequest body) {
        return DisclosureView.of(letters.send(caller.clinicId(), caller.user(), id, body == null ? null : body.channel()));
    }

    /** Staff confirm that a letter whose delivery is unconfirmed arrived: SENT. To send it again instead, {@code POST /send}. */
    @Post("/{id}/confirm-delivery")
    public HttpResponse<LetterView> confirmDelivery(Caller caller, String id,
                                                    @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        Letter l = letters.confirmDelivered(caller.clinicId(), id, ifMatch);
        return Versions.tagged(HttpResponse.ok(LetterView.of(l)), l.version());
    }
}
