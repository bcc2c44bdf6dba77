package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.PartnerNames;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The letters a clinician writes about a received referral's patient to another provider: a
 * request for a second opinion, or a respectful question about a prescription or treatment. Each
 * is drafted, previewed as the PDF on the clinic's letterhead, and sent under the patient's consent
 * to that recipient, which can be recorded right here when the send is refused for want of one.
 */
@Controller(value = "/referrals/{id}/letters", produces = MediaType.TEXT_HTML)
public class ReferralLettersController {

    private final ServiceClient services;
    private final PartnerChoices partnerChoices;
    private final PartnerNames partnerNames;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;

    public ReferralLettersController(ServiceClient services, PartnerChoices partnerChoices, PartnerNames partnerNames,
                                     Pages pages, Parallel parallel, OnceOnly onceOnly) {
        this.services = services;
        this.partnerChoices = partnerChoices;
        this.partnerNames = partnerNames;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
    }

    /** Which form of the page was refused, as it was filled, and for which letter. */
    public record LetterForms(FormState draft, String letterId, ReportsController.SendRefusal refusal, FormState send,
                              FormState consent) {
        static LetterForms none() {
            return new LetterForms(FormState.of(Map.of("kind", "SECOND_OPINION_REQUEST")), "", null, FormState.empty(),
                    FormState.of(Map.of("scope.INITIAL", "on", "scope.PROGRESS", "on", "scope.DISCHARGE", "on")));
        }

        LetterForms forLetter(String id, ReportsController.SendRefusal r, FormState s, FormState c) {
            return new LetterForms(draft, id, r, s, c);
        }

        public FormState sendFor(String id) {
            return id.equals(letterId) ? send : FormState.empty();
        }

        public FormState consentFor(String id) {
            return id.equals(letterId) ? consent : none().consent();
        }

        public boolean refusedFor(String id) {
            return id.equals(letterId) && refusal != null;
        }
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        return render(HttpStatus.OK, request, session, id, LetterForms.none());
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> draft(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                 @Body Map<String, String> form) {
        String[] letterId = {""};
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Map<String, Object> body = new LinkedHashMap<>(FormJson.body(form));
                body.put("referralId", id);
                letterId[0] = services.post(session, Service.REPORTS, "/api/v1/letters", body).str("id");
                return here(id);
            });
        } catch (ServiceProblem problem) {
            var none = LetterForms.none();
            return refused(request, session, id, problem,
                    new LetterForms(FormState.refused(form, problem), "", null, none.send(), none.consent()));
        }
        return pages.redirect(here(id) + (letterId[0].isEmpty() ? "" : "#letter-" + letterId[0]),
                "Letter drafted: read the PDF, then send it");
    }

    @Post(value = "/{letterId}/send", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> send(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                @PathVariable String letterId, @Body Map<String, String> form) {
        Doc[] disclosure = {Doc.empty()};
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                disclosure[0] = services.post(session, Service.REPORTS, "/api/v1/letters/" + letterId + "/send",
                        FormJson.body(Map.of("channel", form.getOrDefault("channel", ""))));
                return here(id);
            });
        } catch (ServiceProblem problem) {
            var none = LetterForms.none();
            if (problem.status() == 409 && problem.problem().str("type").endsWith("/consent-required")) {
                return render(HttpStatus.CONFLICT, request, session, id,
                        none.forLetter(letterId, ReportsController.SendRefusal.of(problem), FormState.of(form), none.consent()));
            }
            return refused(request, session, id, problem,
                    none.forLetter(letterId, null, FormState.refused(form, problem), none.consent()));
        }
        Doc d = disclosure[0];
        return pages.redirect(here(id) + "#letter-" + letterId, d.asMap().isEmpty() ? "Letter sent"
                : "Letter sent by " + Forms.words(d.str("channel")).toLowerCase()
                + (d.has("address") ? " to " + d.str("address") : "") + "; the disclosure is logged");
    }

    /** Staff confirm that a letter whose delivery is unconfirmed reached its recipient: it counts as sent. */
    @Post(value = "/{letterId}/confirm-delivery", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> confirmDelivery(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                           @PathVariable String letterId, @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.REPORTS, "/api/v1/letters/" + letterId + "/confirm-delivery", Map.of());
                return here(id);
            });
        } catch (ServiceProblem problem) {
            var none = LetterForms.none();
            return refused(request, session, id, problem, none.forLetter(letterId, null, FormState.refused(form, problem), none.consent()));
        }
        return pages.redirect(here(id) + "#letter-" + letterId, "Delivery confirmed; the letter counts as sent");
    }

    /** The patient's consent to disclose to the letter's recipient, recorded where the send was refused for want of it. */
    @Post(value = "/{letterId}/consent", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> consent(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @PathVariable String letterId, @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc letter = services.get(session, Service.REPORTS, "/api/v1/letters/" + letterId);
                services.post(session, Service.REPORTS, "/api/v1/consents",
                        ReportForm.consentBody(form, letter.str("patientReference"), letter.str("practitionerId")));
                return here(id);
            });
        } catch (ServiceProblem problem) {
            var none = LetterForms.none();
            return refused(request, session, id, problem,
                    none.forLetter(letterId, null, FormState.empty(), FormState.refused(form, problem)));
        }
        return pages.redirect(here(id) + "#letter-" + letterId, "Consent recorded: the letter can be sent");
    }

    /** The letter exactly as it will go out, in the browser's own PDF viewer. */
    @Get(value = "/{letterId}/preview.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> preview(StaffSession session, @PathVariable String id, @PathVariable String letterId) {
        byte[] pdf = services.bytes(session, Service.REPORTS, "/api/v1/letters/" + letterId + "/preview", "application/pdf");
        return HttpResponse.ok(pdf).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"letter-" + letterId + ".pdf\"");
    }

    private HttpResponse<?> refused(HttpRequest<?> request, StaffSession session, String id, ServiceProblem problem,
                                    LetterForms forms) {
        if (problem.status() == 404 && forms.letterId().isEmpty()) {
            return pages.recordUnavailable(request, session, problem, "referral", "referrals");
        }
        return render(ProblemPages.statusOf(problem), request, session, id, forms);
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, String id,
                                   LetterForms forms) {
        CompletableFuture<Doc> referralCall = parallel.start(() ->
                services.get(session, Service.REFERRALS, "/api/v1/referrals/" + id));
        var letters = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/letters",
                Map.of("referralId", id)));
        var partners = Section.start(parallel, () -> partnerChoices.options(session, forms.draft().value("practitionerId")));
        Doc referral;
        try {
            referral = Parallel.join(referralCall);
        } catch (ServiceProblem problem) {
            return pages.recordUnavailable(request, session, problem, "referral", "referrals");
        }
        Section<Doc> written = letters.join();
        Map<String, Doc> recipients = written.ok()
                ? partnerNames.lookup(session, written.value().items().stream().map(l -> l.str("practitionerId")).distinct().toList())
                : Map.of();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("referral", referral);
        model.put("letters", written);
        model.put("recipients", recipients);
        model.put("partners", partners.join());
        model.put("forms", forms);
        return pages.render(status, request, session, "referral-letters",
                "Letters: " + referral.str("patient.firstName") + " " + referral.str("patient.lastName"), "referrals", model);
    }

    private static String here(String id) {
        return "/referrals/" + id + "/letters";
    }
}
