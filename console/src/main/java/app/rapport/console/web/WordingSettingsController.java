package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
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

/**
 * The clinic's wording of its thank-you, invitation and check-in messages, with a preview of the
 * message as a partner reads it. outreach-service fills the preview with the same code it sends
 * with, so the console never fills a placeholder itself.
 */
@Controller(value = "/settings/wording", produces = MediaType.TEXT_HTML)
public class WordingSettingsController {

    /** outreach-service's template kinds, in the order the page offers them. */
    public static final List<String> KINDS = List.of("THANK_YOU", "PERSONAL_THANKS", "CHECK_IN", "NEW_CONTACT",
            "INTRO_MEETING", "INVITATION");
    private static final List<String> FIELDS = List.of("subject", "body");

    private final ServiceClient services;
    private final Pages pages;
    private final OnceOnly onceOnly;

    public WordingSettingsController(ServiceClient services, Pages pages, OnceOnly onceOnly) {
        this.services = services;
        this.pages = pages;
        this.onceOnly = onceOnly;
    }

    /** "Thank-you", "Invitation", "Check-in". */
    public static String label(String kind) {
        return switch (kind) {
            case "THANK_YOU" -> "Thank-you";
            case "PERSONAL_THANKS" -> "Personal thank-you";
            case "CHECK_IN" -> "Check-in";
            case "NEW_CONTACT" -> "First contact";
            case "INTRO_MEETING" -> "Introduction meeting";
            default -> Forms.words(kind);
        };
    }

    /** Which tasks are carried out with this wording (outreach-service's {@code MessageTemplate.Kind.of}). */
    public static String usedFor(String kind) {
        return switch (kind) {
            case "THANK_YOU" -> "Thank-yous for a referral, and gestures for partners who are not physicians";
            case "PERSONAL_THANKS" -> "The clinician's own call or letter to a physician who refers again and again (never a gift)";
            case "CHECK_IN" -> "Check-ins with partners who have gone quiet";
            case "NEW_CONTACT" -> "A first contact with a practitioner the clinic would like to work with";
            case "INTRO_MEETING" -> "Asking a partner to meet, e.g. after the clinic referred a patient to them";
            default -> "Invitations to see the clinic's work, with a free evaluation or a gift certificate";
        };
    }

    @Get
    public HttpResponse<?> first() {
        return pages.redirect("/settings/wording/" + KINDS.get(0), "");
    }

    @Get("/{kind}")
    public HttpResponse<?> wording(HttpRequest<?> request, StaffSession session, @PathVariable String kind) {
        String k = known(kind);
        // The form starts from the saved wording: without it there is nothing to edit, and the problem page says why.
        Doc template = services.get(session, Service.OUTREACH, "/api/v1/templates/" + k);
        Section<Doc> preview = Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/templates/" + k + "/preview"));
        Map<String, String> values = Map.of("subject", template.str("subject"), "body", template.str("body"));
        return page(request, session, HttpStatus.OK, k, new Section<>(template, ""), FormState.of(values), preview, false);
    }

    /** The wording as typed, previewed without saving it; what was typed stays in the form. */
    @Post(value = "/{kind}/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> preview(HttpRequest<?> request, StaffSession session, @PathVariable String kind,
                                   @Body Map<String, String> form) {
        String k = known(kind);
        try {
            Doc preview = services.post(session, Service.OUTREACH, "/api/v1/templates/" + k + "/preview", wording(form));
            return page(request, session, HttpStatus.OK, k, saved(session, k), FormState.of(form), new Section<>(preview, ""), true);
        } catch (ServiceProblem problem) {
            return page(request, session, ProblemPages.statusOf(problem), k, saved(session, k), FormState.refused(form, problem),
                    new Section<>(null, "Correct the wording to see its preview."), true);
        }
    }

    @Post(value = "/{kind}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> save(HttpRequest<?> request, StaffSession session, @PathVariable String kind,
                                @Body Map<String, String> form) {
        String k = known(kind);
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, Service.OUTREACH, "/api/v1/templates/" + k, wording(form));
                return "/settings/wording/" + k;
            });
            return pages.redirect("/settings/wording/" + k, label(k) + " wording saved");
        } catch (ServiceProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            return page(request, session, ProblemPages.statusOf(problem), k, saved(session, k), FormState.refused(form, problem),
                    new Section<>(null, "Correct the wording to see its preview."), true);
        }
    }

    /**
     * The saved wording beside a form that was posted: only says which wording is in use, so a
     * service that cannot answer now costs that line, never what was typed.
     */
    private Section<Doc> saved(StaffSession session, String kind) {
        return Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/templates/" + kind));
    }

    private HttpResponse<?> page(HttpRequest<?> request, StaffSession session, HttpStatus status, String kind, Section<Doc> saved,
                                 FormState form, Section<Doc> preview, boolean draft) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", kind);
        model.put("saved", saved);
        model.put("form", form);
        model.put("preview", preview);
        model.put("draft", draft);
        model.put("outside", form.errorsOutside(FIELDS));
        return pages.render(status, request, session, "settings-wording", label(kind) + " wording", "settings", model);
    }

    /**
     * Subject and body as outreach-service takes them. A browser sends a textarea's line breaks as
     * CRLF; the card splits paragraphs at blank lines, so they go out as plain new lines.
     */
    static Map<String, Object> wording(Map<String, String> form) {
        Map<String, String> normalised = new LinkedHashMap<>();
        for (String f : FIELDS) {
            normalised.put(f, form.getOrDefault(f, "").replace("\r\n", "\n").replace('\r', '\n'));
        }
        return FormJson.body(normalised);
    }

    /** Only the kinds outreach-service has; anything else is a page that does not exist. */
    private static String known(String kind) {
        if (!KINDS.contains(kind)) {
            throw new ServiceProblem(404, new Doc(Map.of("title", "Not found", "detail", "There is no such wording.")));
        }
        return kind;
    }
}
