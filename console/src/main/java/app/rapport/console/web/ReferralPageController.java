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
 * One referral: its patient, partner, status with history and the moves it allows, visits, the
 * closed loop, and the thank-you and progress reports it caused (outreach and reports, each a
 * block of its own that says so when the person's role may not see it).
 */
@Controller(value = "/referrals", produces = MediaType.TEXT_HTML)
public class ReferralPageController {

    private final ServiceClient services;
    private final PartnerNames partnerNames;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;

    public ReferralPageController(ServiceClient services, PartnerNames partnerNames, Pages pages, Parallel parallel,
                                  OnceOnly onceOnly) {
        this.services = services;
        this.partnerNames = partnerNames;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
    }

    @Get("/{id}")
    public HttpResponse<?> show(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        return render(HttpStatus.OK, request, session, id, FormState.empty(), newVisit(), FormState.empty());
    }

    @Post(value = "/{id}/transitions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> transition(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                      @Body Map<String, String> form) {
        String here = "/referrals/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.REFERRALS, "/api/v1/referrals/" + id + "/transitions",
                        ReferralForms.transitionBody(form));
                return here;
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, ReferralForms.refused(form, problem), newVisit(), FormState.empty());
        }
        return pages.redirect(here, "Status now: " + Forms.words(form.getOrDefault("to", "")));
    }

    @Post(value = "/{id}/visits", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> visit(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                 @Body Map<String, String> form) {
        String here = "/referrals/" + id;
        String[] notice = {"Visit recorded"};
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc visit = services.post(session, Service.REFERRALS, "/api/v1/referrals/" + id + "/visits",
                        ReferralForms.visitBody(form));
                notice[0] = "Visit " + visit.str("visitNumber") + " recorded";
                return here;
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, FormState.empty(), ReferralForms.refused(form, problem), FormState.empty());
        }
        return pages.redirect(here, notice[0]);
    }

    /**
     * A status update whose delivery is unconfirmed (sending stopped after it left, before it was
     * confirmed): staff ask the referrer's office, then mark it sent ({@code confirm-delivery}) or
     * send it again ({@code send-again}, the same message and the same disclosure).
     */
    @Post(value = "/{id}/status-updates/{updateId}/confirm-delivery", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> confirmStatusUpdate(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                               @PathVariable String updateId, @Body Map<String, String> form) {
        return settleStatusUpdate(request, session, id, updateId, "confirm-delivery", form);
    }

    @Post(value = "/{id}/status-updates/{updateId}/send-again", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> sendStatusUpdateAgain(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                                 @PathVariable String updateId, @Body Map<String, String> form) {
        return settleStatusUpdate(request, session, id, updateId, "send-again", form);
    }

    private HttpResponse<?> settleStatusUpdate(HttpRequest<?> request, StaffSession session, String id,
                                               String updateId, String action, Map<String, String> form) {
        String here = "/referrals/" + id;
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.REPORTS, "/api/v1/status-updates/" + updateId + "/" + action, Map.of());
                return here + "#status-updates";
            });
        } catch (ServiceProblem problem) {
            return refused(request, session, id, problem, FormState.empty(), newVisit(), FormState.refused(form, problem));
        }
        return pages.redirect(here + "#status-updates", "confirm-delivery".equals(action)
                ? "Delivery confirmed; the status update counts as sent" : "The status update goes out again");
    }

    /** The page again with the service's message where the person acted; no refusal loses what they typed. */
    private HttpResponse<?> refused(HttpRequest<?> request, StaffSession session, String id, ServiceProblem problem,
                                    FormState transition, FormState visit, FormState statusUpdate) {
        if (problem.status() == 404 && statusUpdate.values().isEmpty()) {
            return pages.recordUnavailable(request, session, problem, "referral", "referrals"); // gone, or another clinic's
        }
        HttpStatus status = ProblemPages.statusOf(problem);
        return render(status, request, session, id, transition, visit, statusUpdate);
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, String id,
                                   FormState transition, FormState visit, FormState statusUpdate) {
        // The referral itself: a 404 (or another clinic's) or a 403 is the whole page's answer.
        CompletableFuture<Doc> referralCall = parallel.start(() ->
                services.get(session, Service.REFERRALS, "/api/v1/referrals/" + id));
        var visits = Section.start(parallel, () -> services.get(session, Service.REFERRALS, "/api/v1/referrals/" + id + "/visits",
                Map.of("size", 200)));
        var reports = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("referralId", id, "size", 50)));
        // What the referring practitioner was told (accepted, scheduled, first visit, declined, completed).
        // reports-service learns of the referral through its event: a 404 a second after it was recorded means "nothing yet".
        var statusUpdates = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/status-updates",
                Map.of("referralId", id)), Doc.empty());
        Doc referral;
        try {
            referral = Parallel.join(referralCall); // SessionExpired goes through sign-in again
        } catch (ServiceProblem problem) {
            return pages.recordUnavailable(request, session, problem, "referral", "referrals");
        }
        String partnerId = referral.str("practitioner.id");
        // outreach-service lists tasks by partner, not by referral: this partner's, then this referral's among them.
        Section<List<Doc>> tasks = Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/tasks",
                        Map.of("practitionerId", partnerId, "size", 200)).items().stream()
                .filter(t -> id.equals(t.str("referralId"))).toList());
        Doc partner = tasks.ok() && !tasks.value().isEmpty()
                ? partnerNames.lookup(session, List.of(partnerId)).getOrDefault(partnerId, Doc.empty())
                : Doc.empty();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("referral", referral);
        model.put("visits", visits.join());
        model.put("tasks", tasks);
        model.put("partner", partner);
        model.put("reports", reports.join());
        model.put("statusUpdates", "SENT".equals(referral.str("direction")) ? new Section<Doc>(null, "") : statusUpdates.join());
        model.put("transition", transition);
        model.put("visit", visit);
        model.put("statusUpdate", statusUpdate);
        String title = ("SENT".equals(referral.str("direction")) ? "Referral to " : "Referral from ")
                + referral.str("practitioner.name", "a partner");
        return pages.render(status, request, session, "referral", title, "referrals", model);
    }


    private static FormState newVisit() {
        return FormState.of(Map.of("billedAmount.currency", "USD"));
    }

}
