package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
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
import io.micronaut.http.server.util.HttpHostResolver;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links partners' offices refer through without an account: issued per partner with an end
 * date, listed with how much each was used, revoked at once. referrals-service keeps them.
 */
@Controller(value = "/intake-links", produces = MediaType.TEXT_HTML)
public class IntakeLinksController {

    static final List<String> FIELDS = List.of("practitionerId", "expiresAt", "label");
    /** A new link's default end: a quarter, so links are re-issued rather than left working for ever. */
    static final int DEFAULT_DAYS = 90;

    private final ServiceClient services;
    private final PartnerNames names;
    private final PartnerChoices choices;
    private final Pages pages;
    private final OnceOnly onceOnly;
    private final HttpHostResolver hosts;

    public IntakeLinksController(ServiceClient services, PartnerNames names, PartnerChoices choices, Pages pages,
                                 OnceOnly onceOnly, HttpHostResolver hosts) {
        this.services = services;
        this.names = names;
        this.choices = choices;
        this.pages = pages;
        this.onceOnly = onceOnly;
        this.hosts = hosts;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, StaffSession session) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("expiresAt", Forms.today().plusDays(DEFAULT_DAYS).toString());
        return render(HttpStatus.OK, request, session, FormState.of(values));
    }

    /**
     * Not post/redirect/get: the token is in this answer only (the service keeps its hash), so it is
     * shown here rather than put in a redirect's URL or a cookie. A resubmitted form shows the same link.
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> issue(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        try {
            String token = onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc issued = services.post(session, Service.REFERRALS, "/api/v1/intake-links", body(form));
                return issued.str("token");
            });
            String pid = form.getOrDefault("practitionerId", "");
            String partner = PartnerNames.displayName(names.lookup(session, List.of(pid)).getOrDefault(pid, Doc.empty()));
            return pages.render(HttpStatus.CREATED, request, session, "intake-link-created", "Intake link issued",
                    "referrals", Map.of("url", hosts.resolve(request) + "/intake/" + token, "partner", partner));
        } catch (ServiceProblem problem) {
            if (problem.forbidden()) {
                throw problem;
            }
            return render(HttpStatus.UNPROCESSABLE_ENTITY, request, session, FormState.refused(form, problem));
        }
    }

    @Post(value = "/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                  @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.delete(session, Service.REFERRALS, "/api/v1/intake-links/" + id);
                return "/intake-links";
            });
            return pages.redirect("/intake-links", "Link revoked: it stopped working at once");
        } catch (ServiceProblem problem) {
            return pages.redirect("/intake-links", problem.summary());
        }
    }

    /** The end date is a day; the link works through that whole day (UTC). */
    static Map<String, Object> body(Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>(form);
        values.computeIfPresent("expiresAt", (k, day) -> {
            try {
                return LocalDate.parse(day.trim()).atTime(LocalTime.MAX.withNano(0)).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException e) {
                return day;
            }
        });
        return FormJson.body(values);
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, FormState form) {
        Section<Doc> links = Section.load(() -> services.get(session, Service.REFERRALS, "/api/v1/intake-links",
                Map.of("size", 100)));
        List<String> ids = links.ok() ? links.value().items().stream().map(l -> l.str("practitionerId")).toList() : List.of();
        Map<String, Doc> partners = names.lookup(session, ids);
        var options = Section.load(() -> choices.options(session, form.value("practitionerId")));
        return pages.render(status, request, session, "intake-links", "Intake links", "referrals",
                Map.of("form", form, "links", links, "partners", partners, "options", options,
                        "outside", form.errorsOutside(FIELDS)));
    }
}
