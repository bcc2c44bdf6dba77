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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress reports back to the referring practitioner: the queue, one report's consent, composer,
 * PDF preview and send. Everything is reports-service's (the consent gate, the role matrix, the
 * disclosure log); the console shows it and says what to do when a send is refused.
 */
@Controller(value = "/reports", produces = MediaType.TEXT_HTML)
public class ReportsController {

    static final int QUEUE_SIZE = 50;

    private final ServiceClient services;
    private final PartnerNames partnerNames;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;
    private final ReportPatients patients;

    public ReportsController(ServiceClient services, PartnerNames partnerNames, Pages pages, Parallel parallel,
                             OnceOnly onceOnly, ReportPatients patients) {
        this.services = services;
        this.partnerNames = partnerNames;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
        this.patients = patients;
    }

    /** The queue: waiting for consent, drafts to finish and send, and progress reports the cadence says are due. */
    @Get
    public HttpResponse<?> queue(HttpRequest<?> request, StaffSession session) {
        var waiting = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("status", "AWAITING_CONSENT", "size", QUEUE_SIZE)));
        var drafts = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("status", "DRAFT", "size", QUEUE_SIZE)));
        var overdue = Section.start(parallel, () -> services.get(session, Service.REPORTS,
                "/api/v1/reports/overdue"));
        var unconfirmed = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("status", "DELIVERY_UNCONFIRMED", "size", QUEUE_SIZE)));
        Section<Doc> w = waiting.join();
        Section<Doc> d = drafts.join();
        Section<Doc> u = unconfirmed.join();
        List<Doc> listed = new ArrayList<>();
        if (u.ok()) {
            listed.addAll(u.value().items());
        }
        if (w.ok()) {
            listed.addAll(w.value().items());
        }
        if (d.ok()) {
            listed.addAll(d.value().items());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("waiting", w);
        model.put("drafts", d);
        model.put("unconfirmed", u);
        model.put("overdue", overdue.join());
        model.put("partners", partnerNames.lookup(session, listed.stream().map(r -> r.str("practitionerId")).toList()));
        model.put("patients", patients.referrals(session, listed.stream().map(r -> r.str("referralId")).toList()));
        return pages.page(request, session, "reports", "Progress reports", "reports", model);
    }

    @Get("/{id}")
    public HttpResponse<?> show(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        Doc report;
        try {
            report = services.get(session, Service.REPORTS, "/api/v1/reports/" + id);
        } catch (ServiceProblem problem) {
            return pages.recordUnavailable(request, session, problem, "report", "reports");
        }
        return render(HttpStatus.OK, request, session, id, new Section<>(report, ""), PageForms.none());
    }

    @Post(value = "/{id}/content", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> saveContent(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                       @Body Map<String, String> form) {
        String here = "/reports/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, Service.REPORTS, "/api/v1/reports/" + id + "/content", ReportForm.contentBody(form),
                        form.get(VERSION));
                return here;
            });
        } catch (ServiceProblem problem) {
            if (problem.status() == 412) {
                return refused(request, session, id, problem, PageForms.content(changedMeanwhile(form)));
            }
            return refused(request, session, id, problem, PageForms.content(ReferralForms.refused(form, problem)));
        }
        return pages.redirect(here + "#compose", "Report saved; preview the PDF before sending");
    }

    /** The composer's hidden field: the report's version when the form was opened, sent back as If-Match. */
    static final String VERSION = "version";

    /**
     * A 412: someone saved the report after this form was opened. What was typed stays in the
     * composer; the page shows the report as it is now, and the next save is against that version.
     */
    static FormState changedMeanwhile(Map<String, String> form) {
        Map<String, String> typed = new java.util.LinkedHashMap<>(form);
        typed.remove(VERSION);
        return new FormState(typed, Map.of(), "Someone else changed this report since you opened it. What you typed is "
                + "still below: compare it with the report as it is now, then save again to replace it.", Forms.newId());
    }

    /** Staff confirm that a report whose delivery is unconfirmed reached the partner: it counts as sent. */
    @Post(value = "/{id}/confirm-delivery", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> confirmDelivery(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                           @Body Map<String, String> form) {
        String here = "/reports/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.REPORTS, "/api/v1/reports/" + id + "/confirm-delivery", Map.of());
                return here;
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, PageForms.none());
        }
        return pages.redirect(here, "Delivery confirmed; the report counts as sent");
    }

    @Post(value = "/{id}/consents", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> recordConsent(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                         @Body Map<String, String> form) {
        String here = "/reports/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc report = services.get(session, Service.REPORTS, "/api/v1/reports/" + id);
                services.post(session, Service.REPORTS, "/api/v1/consents",
                        ReportForm.consentBody(form, report.str("patientReference"), report.str("practitionerId")));
                return here;
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, PageForms.consent(FormState.refused(form, problem)));
        }
        return pages.redirect(here + "#consent", "Consent recorded");
    }

    @Post(value = "/{id}/consents/{consentId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeConsent(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                         @PathVariable String consentId, @Body Map<String, String> form) {
        String here = "/reports/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.REPORTS, "/api/v1/consents/" + consentId + "/revoke",
                        FormJson.body(Map.of("reason", form.getOrDefault("reason", ""))));
                return here;
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, PageForms.revoke(consentId, FormState.refused(form, problem)));
        }
        return pages.redirect(here + "#consent", "Consent revoked; nothing more goes out under it");
    }

    @Post(value = "/{id}/send", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> send(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                @Body Map<String, String> form) {
        String here = "/reports/" + id;
        Doc[] disclosure = {Doc.empty()};
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                disclosure[0] = services.post(session, Service.REPORTS, "/api/v1/reports/" + id + "/send",
                        FormJson.body(Map.of("channel", form.getOrDefault("channel", ""))));
                return here;
            });
        } catch (ServiceProblem problem) {
            if (problem.status() == 409 && problem.problem().str("type").endsWith("/consent-required")) {
                return render(HttpStatus.CONFLICT, request, session, id, reread(session, id),
                        PageForms.send(FormState.of(form), SendRefusal.of(problem)));
            }
            return refused(request, session, id, problem, PageForms.send(FormState.refused(form, problem), null));
        }
        Doc d = disclosure[0];
        String notice = d.asMap().isEmpty() ? "Report sent"
                : "Report sent by " + Forms.words(d.str("channel")).toLowerCase()
                + (d.has("address") ? " to " + d.str("address") : "") + "; the disclosure is logged";
        return pages.redirect(here, notice);
    }

    /** The PDF exactly as reports-service renders it for sending, shown in the browser's own viewer. */
    @Get(value = "/{id}/preview.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> preview(StaffSession session, @PathVariable String id) {
        byte[] pdf = services.bytes(session, Service.REPORTS, "/api/v1/reports/" + id + "/render/pdf", "application/pdf");
        return HttpResponse.ok(pdf).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"report-" + id + ".pdf\"");
    }

    /** Why a send was refused for want of consent, and what the front desk does about it. */
    public record SendRefusal(String why, String reason, String whatToDo) {
        static SendRefusal of(ServiceProblem problem) {
            String reason = problem.problem().str("extra.reason");
            String todo = switch (reason) {
                case "REVOKED" -> "The patient withdrew their consent: do not send. If the patient agrees again, "
                        + "record the new consent under Consent to disclose; the report can then be sent.";
                case "EXPIRED" -> "Ask the patient to renew their consent, record it under Consent to disclose, "
                        + "then send again.";
                case "OUT_OF_SCOPE" -> "The consent on file does not cover this report today (its scope leaves out this "
                        + "type of report, or it starts later). Record one that does under Consent to disclose, then send again.";
                default -> "Ask the patient for their consent to disclose to this practitioner, record it under Consent "
                        + "to disclose (what it covers, from when, how it was given), then send again.";
            };
            return new SendRefusal(problem.problem().str("detail", "No valid consent"), reason, todo);
        }
    }

    /** Which form of the page was refused, as it was filled; the others start fresh. */
    record PageForms(FormState content, FormState consent, FormState send, String revokeId, FormState revoke,
                  SendRefusal sendRefusal) {
        static PageForms none() {
            return new PageForms(null, FormState.empty(), FormState.empty(), "", FormState.empty(), null);
        }

        static PageForms content(FormState f) {
            return new PageForms(f, FormState.empty(), FormState.empty(), "", FormState.empty(), null);
        }

        static PageForms consent(FormState f) {
            return new PageForms(null, f, FormState.empty(), "", FormState.empty(), null);
        }

        static PageForms revoke(String consentId, FormState f) {
            return new PageForms(null, FormState.empty(), FormState.empty(), consentId, f, null);
        }

        static PageForms send(FormState f, SendRefusal refusal) {
            return new PageForms(null, FormState.empty(), f, "", FormState.empty(), refusal);
        }
    }

    private HttpResponse<?> refused(HttpRequest<?> request, StaffSession session, String id, ServiceProblem problem,
                                    PageForms forms) {
        if (problem.status() == 404) {
            return pages.recordUnavailable(request, session, problem, "report", "reports");
        }
        return render(ProblemPages.statusOf(problem), request, session, id, reread(session, id), forms);
    }

    /** After a refused form the report may be unreadable too (its service down): the page still shows what was typed. */
    private Section<Doc> reread(StaffSession session, String id) {
        return Section.load(() -> services.get(session, Service.REPORTS, "/api/v1/reports/" + id));
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, String id,
                                   Section<Doc> read, PageForms forms) {
        Section<Doc> referral;
        Section<Doc> consents;
        Doc partner = Doc.empty();
        if (read.ok()) {
            Doc report = read.value();
            var referralCall = patients.referral(session, report.str("referralId"));
            var consentsCall = patients.consents(session, report.str("patientReference"));
            String partnerId = report.str("practitionerId");
            partner = partnerNames.lookup(session, List.of(partnerId)).getOrDefault(partnerId, Doc.empty());
            referral = ReportPatients.join(referralCall);
            consents = ReportPatients.join(consentsCall);
        } else {
            // Both are found through the report: what it could not give, they cannot either.
            referral = new Section<>(null, read.unavailable());
            consents = new Section<>(null, read.unavailable());
        }
        Map<String, Object> model = model(id, read, partner, referral, consents, forms);
        String title = read.ok() ? Forms.words(read.value().str("type")) + " report to " + PartnerNames.displayName(partner)
                : "Report";
        return pages.render(status, request, session, "report", title, "reports", model);
    }

    /**
     * The report page's parameters. When the report itself could not be read, the forms still show
     * as they were filled (nothing typed is lost); the composer only then, since saving it empty
     * would replace the saved content.
     */
    static Map<String, Object> model(String id, Section<Doc> read, Doc partner, Section<Doc> referral,
                                     Section<Doc> consents, PageForms forms) {
        Doc report = read.ok() ? read.value() : Doc.of(Map.of("id", id));
        FormState content = forms.content() != null ? forms.content()
                : read.ok() ? FormState.of(ReportForm.valuesOf(report.doc("content"))) : null;
        Map<String, String> consentDefaults = new LinkedHashMap<>(forms.consent().values());
        if (consentDefaults.isEmpty() && read.ok()) {
            // No start day: reports-service takes today in the clinic's time zone, not this machine's.
            consentDefaults.put("scope." + report.str("type"), "on");
        }
        FormState consent = new FormState(consentDefaults, forms.consent().errors(), forms.consent().message(),
                forms.consent().formId());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("report", report);
        model.put("reportRead", read);
        model.put("partner", partner);
        model.put("referral", referral);
        model.put("consents", consents);
        model.put("composer", content != null);
        FormState shown = content != null ? content : FormState.empty();
        int goalRows = ReportForm.rowsIn(shown.values(), "goals", ReportForm.GOAL_ROWS);
        int measureRows = ReportForm.rowsIn(shown.values(), "measures", ReportForm.MEASURE_ROWS);
        int referenceRows = ReportForm.rowsIn(shown.values(), "references", ReportForm.REFERENCE_ROWS);
        model.put("content", shown);
        // After a refused save the report re-read (when it could be) names the version the next save is against.
        model.put("version", read.ok() ? read.value().str("version") : shown.values().getOrDefault(VERSION, ""));
        model.put("goalRows", goalRows);
        model.put("measureRows", measureRows);
        model.put("referenceRows", referenceRows);
        model.put("contentOutside", shown.errorsOutside(ReportForm.contentFields(goalRows, measureRows, referenceRows)));
        model.put("consent", consent);
        model.put("send", forms.send());
        model.put("sendRefusal", forms.sendRefusal());
        model.put("revokeId", forms.revokeId());
        model.put("revoke", forms.revoke());
        return model;
    }

}
