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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One partner: the details, the relationship stage, and one timeline across the four services,
 * each source loaded on its own so a role that may not read one still sees the rest; plus the
 * "who else do you trust?" introduction and this year's gift allowance.
 */
@Controller(value = "/partners", produces = MediaType.TEXT_HTML)
public class PartnerPageController {

    /** Enough for a partner's whole history on one page; the services cap a page at 200. */
    static final int SOURCE_SIZE = 100;
    /** Gift years read back from today: the ledger is kept per calendar year. */
    static final int GIFT_YEARS = 3;

    private final ServiceClient services;
    private final PartnerNames names;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;

    public PartnerPageController(ServiceClient services, PartnerNames names, Pages pages, Parallel parallel,
                                 OnceOnly onceOnly) {
        this.services = services;
        this.names = names;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
    }

    @Get("/{id}")
    public HttpResponse<?> show(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        return render(request, session, id, HttpStatus.OK, FormState.empty(), FormState.empty());
    }

    /** contacts-service's cover letter to this partner for the referral packet, signed by whoever the form names. */
    @Get(value = "/{id}/cover-letter.pdf{?signerName,signerCredentials}", produces = "application/pdf")
    public HttpResponse<byte[]> coverLetter(StaffSession session, @PathVariable String id,
                                            @Nullable @QueryValue String signerName,
                                            @Nullable @QueryValue String signerCredentials) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("practitionerId", id);
        if (signerName != null && !signerName.isBlank()) {
            query.put("signerName", signerName.trim());
        }
        if (signerCredentials != null && !signerCredentials.isBlank()) {
            query.put("signerCredentials", signerCredentials.trim());
        }
        byte[] pdf = services.bytes(session, Service.CONTACTS, "/api/v1/clinic-profile/cover-letter", query, "application/pdf");
        return HttpResponse.ok(pdf).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"cover-letter-" + id + ".pdf\"");
    }

    @Post(value = "/{id}/stage", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> changeStage(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                       @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.CONTACTS, "/api/v1/practitioners/" + id + "/stage-changes", FormJson.body(form));
                return "/partners/" + id;
            });
            return pages.redirect("/partners/" + id + "#stage", "Stage changed to " + Forms.words(form.get("to")).toLowerCase());
        } catch (ServiceProblem problem) {
            return render(request, session, id, HttpStatus.UNPROCESSABLE_ENTITY, FormState.refused(form, problem), FormState.empty());
        }
    }

    @Post(value = "/{id}/introductions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> introduce(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                     @Body Map<String, String> form) {
        String[] introduced = new String[1];
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc answer = services.post(session, Service.CONTACTS, "/api/v1/practitioners/" + id + "/introductions",
                        FormJson.body(form));
                introduced[0] = PartnerNames.displayName(answer.doc("practitioner"));
                return "/partners/" + id;
            });
            String notice = introduced[0] == null ? "Introduction recorded"
                    : "Introduction recorded: " + introduced[0] + " is in the directory as a prospect";
            return pages.redirect("/partners/" + id + "#introductions", notice);
        } catch (ServiceProblem problem) {
            HttpStatus status = problem.status() == 409 ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
            return render(request, session, id, status, FormState.empty(), FormState.refused(form, problem));
        }
    }

    private HttpResponse<?> render(HttpRequest<?> request, StaffSession session, String id, HttpStatus status,
                                   FormState stageForm, FormState introForm) {
        // The partner first: an unknown id is a "not found" page, not a page of empty sections.
        Doc partner = services.get(session, Service.CONTACTS, "/api/v1/practitioners/" + id);
        Map<String, Object> byPartner = Map.of("practitionerId", id, "size", SOURCE_SIZE);

        var referrals = Section.start(parallel, () -> services.get(session, Service.REFERRALS, "/api/v1/referrals", byPartner));
        var tasks = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/tasks", byPartner));
        var reports = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports", byPartner));
        var introductions = Section.start(parallel, () -> services.get(session, Service.CONTACTS,
                "/api/v1/practitioners/" + id + "/introductions", Map.of("size", SOURCE_SIZE)));
        var stages = Section.start(parallel, () -> services.get(session, Service.CONTACTS, "/api/v1/practitioners/" + id + "/stage-history"));
        var allowance = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts/allowance",
                Map.of("practitionerId", id)));
        int thisYear = Forms.today().getYear();
        List<CompletableFuture<Section<Doc>>> giftYears = new ArrayList<>();
        for (int year = thisYear; year > thisYear - GIFT_YEARS; year--) {
            int y = year;
            giftYears.add(Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/gifts",
                    Map.of("practitionerId", id, "year", y, "size", SOURCE_SIZE))));
        }
        var introducer = parallel.start(() -> partner.has("introducedByPractitionerId")
                ? names.lookup(session, List.of(partner.str("introducedByPractitionerId")))
                .getOrDefault(partner.str("introducedByPractitionerId"), Doc.empty())
                : Doc.empty());

        Map<String, Section<Doc>> sources = new LinkedHashMap<>();
        sources.put("Referrals", referrals.join());
        sources.put("Tasks", tasks.join());
        sources.put("Reports", reports.join());
        sources.put("Introductions", introductions.join());
        sources.put("Stage changes", stages.join());
        List<Doc> giftPages = new ArrayList<>();
        Section<Doc> gifts = new Section<>(Doc.empty(), "");
        for (var f : giftYears) {
            Section<Doc> s = f.join();
            if (s.ok()) {
                giftPages.add(s.value());
            } else {
                gifts = s;
            }
        }
        sources.put("Gifts", gifts);

        List<PartnerTimeline.Entry> timeline = PartnerTimeline.merge(
                ok(sources.get("Referrals")).map(PartnerTimeline::referrals).orElse(List.of()),
                ok(sources.get("Tasks")).map(PartnerTimeline::tasks).orElse(List.of()),
                ok(sources.get("Reports")).map(PartnerTimeline::reports).orElse(List.of()),
                PartnerTimeline.gifts(giftPages),
                ok(sources.get("Introductions")).map(PartnerTimeline::introductions).orElse(List.of()),
                ok(sources.get("Stage changes")).map(PartnerTimeline::stages).orElse(List.of()));
        Map<String, String> missing = new LinkedHashMap<>();
        sources.forEach((label, s) -> {
            if (!s.ok()) {
                missing.put(label, s.unavailable());
            }
        });
        List<Doc> openTasks = new ArrayList<>();
        ok(sources.get("Tasks")).ifPresent(t -> t.items().stream()
                .filter(x -> "OPEN".equals(x.str("status")) || "PROPOSED".equals(x.str("status")))
                .forEach(openTasks::add));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("partner", partner);
        model.put("introducer", introducer.join());
        model.put("timeline", timeline);
        model.put("missing", missing);
        model.put("openTasks", openTasks);
        model.put("allowance", allowance.join());
        model.put("stageForm", stageForm);
        model.put("introForm", introForm);
        model.put("back", "/partners/" + id);
        return pages.render(status, request, session, "partner", PartnerNames.displayName(partner), "partners", model);
    }

    private static java.util.Optional<Doc> ok(Section<Doc> s) {
        return s.ok() ? java.util.Optional.ofNullable(s.value()) : java.util.Optional.empty();
    }

}
