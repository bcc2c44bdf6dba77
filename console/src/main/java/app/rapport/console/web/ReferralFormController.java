package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;
import java.util.Map;

/**
 * Recording a referral — received, sent, or a second-opinion request — in one form whose field
 * names are referrals-service's JSON paths, so each refusal lands at its input.
 */
@Controller(value = "/referrals", produces = MediaType.TEXT_HTML)
public class ReferralFormController {

    /** A partner as the select offers it. */
    public record PartnerOption(String id, String label) {
    }

    private final ServiceClient services;
    private final PartnerChoices choices;
    private final Pages pages;
    private final OnceOnly onceOnly;

    public ReferralFormController(ServiceClient services, PartnerChoices choices, Pages pages, OnceOnly onceOnly) {
        this.services = services;
        this.choices = choices;
        this.pages = pages;
        this.onceOnly = onceOnly;
    }

    @Get("/new")
    public HttpResponse<?> form(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String direction,
                                @Nullable @QueryValue String kind, @Nullable @QueryValue String practitionerId) {
        FormState form = FormState.of(ReferralForms.newReferralDefaults(direction, kind, practitionerId));
        return render(HttpStatus.OK, request, session, form);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> record(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        try {
            // A double-click or a resubmission of this form records one referral and lands on it.
            String location = onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc created = services.post(session, Service.REFERRALS, "/api/v1/referrals",
                        ReferralForms.newReferralBody(form));
                return "/referrals/" + created.str("id");
            });
            return pages.redirect(location, "Referral recorded");
        } catch (ServiceProblem problem) {
            HttpStatus status = ProblemPages.statusOf(problem);
            return render(status, request, session, ReferralForms.refused(form, problem));
        }
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, FormState form) {
        Section<List<PartnerOption>> partners = Section.load(() -> choices.options(session, form.value("practitionerId")));
        String title = "SENT".equals(form.value("direction"))
                ? ("SECOND_OPINION".equals(form.value("kind")) ? "Ask for a second opinion" : "Send a referral")
                : "Record a received referral";
        return pages.render(status, request, session, "referral-new", title, "referrals",
                Map.of("form", form, "partners", partners,
                        "outside", form.errorsOutside(ReferralForms.NEW_REFERRAL_FIELDS)));
    }
}
