package app.rapport.console.web;

import app.rapport.console.security.IntakeFormTokens;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public page a partner's office opens from its intake link, with no account: the referral
 * form, sent to referrals-service's intake door, and a confirmation with the reference number.
 * It shows nothing of the clinic but the label staff gave the link; the door's limits (expiry,
 * size, the link's rate window) are the service's. A dead link reads as a plain page; every other
 * refusal (a field, the rate limit, the size, the service being down, a form left open too long)
 * gives the form back with all that was typed and a message. Plain HTML forms: it works without JavaScript.
 */
@Controller(value = "/intake", produces = MediaType.TEXT_HTML)
public class IntakeFormController {

    public static final List<String> FIELDS = List.of("kind", "urgency", "patient.firstName", "patient.lastName",
            "patient.birthDate", "patient.phone", "patient.email", "reason", "requestedService", "diagnosisCodes",
            "contact.name", "contact.phone", "contact.email");
    private static final Pattern REFERENCE = Pattern.compile("^[0-9a-f-]{36}$");

    private final ServiceClient services;
    private final IntakeFormTokens tokens;
    private final OnceOnly onceOnly;

    public IntakeFormController(ServiceClient services, IntakeFormTokens tokens, OnceOnly onceOnly) {
        this.services = services;
        this.tokens = tokens;
        this.onceOnly = onceOnly;
    }

    @Get("/{token}")
    public HttpResponse<?> form(@PathVariable String token) {
        Doc link;
        try {
            link = services.getAnonymous(Service.REFERRALS, "/api/v1/intake/" + encode(token));
        } catch (ServiceProblem problem) {
            return refusal(problem);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", "REFERRAL");
        values.put("urgency", "ROUTINE");
        return form(HttpStatus.OK, token, link.str("label"), FormState.of(values));
    }

    @Post(value = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> submit(HttpRequest<?> request, @PathVariable String token, @Body Map<String, String> form) {
        if (request.getAttribute(IntakeFormTokens.EXPIRED_FORM, Boolean.class).orElse(false)) {
            return again(HttpStatus.FORBIDDEN, token, form, "This form was open for a long time, so it was not sent. "
                    + "Check the details below and press Send the referral again.");
        }
        try {
            // The link stands in for the person: the same rendered form sent twice is one referral.
            String location = onceOnly.run("intake:" + token, form.get(OnceOnly.FIELD), () -> {
                String reference = services.postAnonymous(Service.REFERRALS, "/api/v1/intake/" + encode(token), body(form))
                        .str("referralId");
                return "/intake/" + encode(token) + "/received?reference=" + reference
                        + "&receipt=" + tokens.receiptFor(token, reference);
            });
            return HttpResponse.seeOther(URI.create(location));
        } catch (ServiceProblem problem) {
            // Every refusal but a dead link gives the office its form back with all it typed: nothing is lost.
            return switch (problem.status()) {
                case 400, 422 -> again(HttpStatus.UNPROCESSABLE_ENTITY, token, ReferralForms.refused(form, problem));
                case 404, 410 -> refusal(problem);
                case 429 -> again(HttpStatus.TOO_MANY_REQUESTS, token, form, "Too many referrals were sent through this "
                        + "link in a short time, so this one was not sent. Please press Send the referral again"
                        + retryIn(problem.problem()) + ", or call the clinic.");
                case 413 -> again(HttpStatus.REQUEST_ENTITY_TOO_LARGE, token, form, "The form is longer than the clinic "
                        + "accepts, so it was not sent. Shorten the reason for the referral, then press Send the referral again.");
                default -> again(HttpStatus.SERVICE_UNAVAILABLE, token, form, "The clinic could not take the referral "
                        + "just now, so it was not sent. Please press Send the referral again shortly, or call the clinic.");
            };
        }
    }

    /** The referral's JSON as for staff, and the office contact's phone without its separators as well. */
    static Map<String, Object> body(Map<String, String> form) {
        Map<String, String> cleaned = new LinkedHashMap<>(form);
        cleaned.computeIfPresent("contact.phone", (k, v) -> ReferralForms.phone(v));
        return ReferralForms.newReferralBody(cleaned);
    }

    /** Only for a referral this console just took through this link, and while the link still works. */
    @Get("/{token}/received")
    public HttpResponse<?> received(@PathVariable String token, @Nullable @QueryValue String reference,
                                    @Nullable @QueryValue String receipt) {
        try {
            services.getAnonymous(Service.REFERRALS, "/api/v1/intake/" + encode(token));
        } catch (ServiceProblem problem) {
            return refusal(problem);
        }
        String ref = reference != null && REFERENCE.matcher(reference).matches() ? reference : "";
        if (!tokens.isReceipt(token, ref, receipt)) {
            return HttpResponse.seeOther(URI.create("/intake/" + encode(token)));
        }
        return page(HttpStatus.OK, "intake-received", "Referral received", Map.of("reference", ref));
    }

    /** The form again as typed, with a message on top and a fresh form token and id. */
    private HttpResponse<?> again(HttpStatus status, String token, Map<String, String> typed, String message) {
        return again(status, token, new FormState(typed, Map.of(), message, Forms.newId()));
    }

    private HttpResponse<?> again(HttpStatus status, String token, FormState state) {
        return form(status, token, label(token), state);
    }

    /** The label staff gave the link, from the service rather than from anything posted; none if it cannot be read now. */
    private String label(String token) {
        try {
            return services.getAnonymous(Service.REFERRALS, "/api/v1/intake/" + encode(token)).str("label");
        } catch (ServiceProblem problem) {
            return "";
        }
    }

    private HttpResponse<?> form(HttpStatus status, String token, String label, FormState form) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("action", "/intake/" + encode(token));
        model.put("formToken", tokens.tokenFor(token));
        model.put("label", label);
        model.put("form", form);
        model.put("outside", form.errorsOutside(FIELDS));
        return page(status, "intake-form", "Refer a patient", model);
    }

    /** The link cannot be opened: a plain page that says what to do, never a stack trace or the clinic's data. */
    private HttpResponse<?> refusal(ServiceProblem problem) {
        if (problem.status() == 404 || problem.status() == 410) {
            return page(HttpStatus.NOT_FOUND, "intake-notice", "This link no longer works", Map.of("message",
                    "This link no longer works: it may have expired or been withdrawn. Please ask the clinic for a new link."));
        }
        return page(HttpStatus.SERVICE_UNAVAILABLE, "intake-notice", "Please try again later", Map.of("message",
                "The clinic's referral form cannot be opened just now. Please try again in a few minutes, or call the clinic."));
    }

    /** " in about 20 minutes", from the service's Retry-After; nothing if it gave none. */
    private static String retryIn(Doc problem) {
        long seconds = problem.num("extra.retryAfterSeconds");
        if (seconds <= 0) {
            return "";
        }
        long minutes = Math.max(1, (seconds + 59) / 60);
        return " in about " + minutes + " minute" + (minutes == 1 ? "" : "s");
    }

    private static MutableHttpResponse<?> page(HttpStatus status, String view, String title, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("title", title);
        return HttpResponse.status(status).body(new ModelAndView<>("pages/" + view, all));
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
