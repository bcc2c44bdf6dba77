package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.PartnerNames;
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

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gift ledger as outreach-service keeps it: the clinic's gifts of a year with their totals,
 * one partner's gifts with the allowance that remains, and recording a gift. The yearly limit and
 * the no-cash rule are the service's; the console shows the allowance before anything is
 * recorded and puts a refusal into words.
 */
@Controller(value = "/gifts", produces = MediaType.TEXT_HTML)
public class GiftsController {

    static final int LEDGER_SIZE = 200;
    static final List<String> FIELDS = List.of("practitionerId", "kind", "description", "value.amount", "givenOn");

    private final ServiceClient services;
    private final PartnerNames names;
    private final PartnerChoices choices;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;

    public GiftsController(ServiceClient services, PartnerNames names, PartnerChoices choices, Pages pages,
                           Parallel parallel, OnceOnly onceOnly) {
        this.services = services;
        this.names = names;
        this.choices = choices;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
    }

    @Get
    public HttpResponse<?> ledger(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String partner,
                                  @Nullable @QueryValue String year) {
        Integer y = year(year);
        String pid = partner == null ? "" : partner.strip();
        if (pid.isEmpty()) {
            return clinicLedger(request, session, y);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("practitionerId", pid);
        values.put("kind", "MEAL");
        return partnerLedger(request, session, HttpStatus.OK, pid, y, FormState.of(values), "");
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> record(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        String pid = form.getOrDefault("practitionerId", "").strip();
        try {
            String location = onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc gift = services.post(session, Service.OUTREACH, "/api/v1/gifts", body(form));
                return "/gifts?partner=" + pid + "&year=" + gift.str("year");
            });
            return pages.redirect(location, "Gift recorded");
        } catch (ServiceProblem problem) {
            // The form again, as typed, whatever the refusal: a role that may not record gifts is told so above it.
            Integer y = null;
            try {
                y = LocalDate.parse(form.getOrDefault("givenOn", "")).getYear();
            } catch (RuntimeException e) {
                // no valid day: this year's allowance
            }
            return partnerLedger(request, session, ProblemPages.statusOf(problem), pid, y,
                    FormState.refused(form, problem), why(problem));
        }
    }

    /** The refusal in words a front desk can act on: what is left this year, or why cash is never given. */
    static String why(ServiceProblem problem) {
        Doc p = problem.problem();
        String currency = p.str("extra.currency");
        return switch (p.str("extra.reason")) {
            case "OVER_ANNUAL_CAP" -> "Over the yearly limit: this partner may receive " + p.str("extra.remainingAllowance")
                    + " " + currency + " more in " + p.str("extra.year") + " (the limit is " + p.str("extra.annualCap") + " "
                    + currency + " a year). Choose a smaller gift, or a personal thank-you instead.";
            case "CASH_EQUIVALENT" -> "Not allowed: cash, checks and gift cards count as cash. The rules on payments for "
                    + "referrals allow a referring physician only non-monetary gifts within a yearly limit, and never cash "
                    + "or its equivalents; the clinic gives none to any referral partner. Choose a meal, flowers or a book.";
            default -> "";
        };
    }

    static Map<String, Object> body(Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>(form);
        values.computeIfPresent("value.amount", (k, v) -> ReferralForms.plainAmount(v));
        return FormJson.body(values);
    }

    private HttpResponse<?> clinicLedger(HttpRequest<?> request, StaffSession session, @Nullable Integer year) {
        Map<String, Object> byYear = year == null ? Map.of() : Map.of("year", year);
        Map<String, Object> listQuery = new LinkedHashMap<>(byYear);
        listQuery.put("size", LEDGER_SIZE);
        var totals = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts/totals", byYear));
        var gifts = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts", listQuery));
        var options = Section.start(parallel, () -> choices.options(session, ""));
        Section<Doc> t = totals.join();
        Section<Doc> g = gifts.join();
        Map<String, Doc> partners = g.ok()
                ? names.lookup(session, g.value().items().stream().map(x -> x.str("practitionerId")).toList()) : Map.of();
        int shown = shownYear(t, year);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("year", shown);
        model.put("totals", t);
        model.put("gifts", g);
        model.put("partners", partners);
        model.put("options", options.join());
        return pages.page(request, session, "gifts", "Gifts in " + shown, "gifts", model);
    }

    private HttpResponse<?> partnerLedger(HttpRequest<?> request, StaffSession session, HttpStatus status, String pid,
                                          @Nullable Integer year, FormState form, String why) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("practitionerId", pid);
        if (year != null) {
            query.put("year", year);
        }
        Map<String, Object> listQuery = new LinkedHashMap<>(query);
        listQuery.put("size", LEDGER_SIZE);
        var allowance = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts/allowance", query));
        var gifts = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts", listQuery));
        Doc partner = names.lookup(session, List.of(pid)).getOrDefault(pid, Doc.empty());
        Section<Doc> a = allowance.join();
        int shown = shownYear(a, year);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("partner", partner);
        model.put("partnerId", pid);
        model.put("year", shown);
        model.put("allowance", a);
        model.put("gifts", gifts.join());
        model.put("form", form);
        model.put("why", why);
        model.put("outside", form.errorsOutside(FIELDS));
        return pages.render(status, request, session, "gifts-partner",
                "Gifts to " + PartnerNames.displayName(partner) + " in " + shown, "gifts", model);
    }

    /**
     * The year a page is about: the one outreach-service answered for (it takes "this year" in the
     * clinic's time zone when none is asked), else the one asked for, else this year as the console counts days.
     */
    static int shownYear(Section<Doc> answer, @Nullable Integer asked) {
        if (answer.ok() && answer.value().has("year")) {
            return (int) answer.value().num("year");
        }
        return asked != null ? asked : Forms.today().getYear();
    }

    /** A year the ledger keeps (2000–2999), or none: the service then takes this year in the clinic's time zone. */
    static Integer year(@Nullable String typed) {
        try {
            int y = Integer.parseInt(typed == null ? "" : typed.strip());
            return y >= 2000 && y <= 2999 ? y : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
