package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.PartnerNames;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Today: what the clinic has to do this morning, composed from all four services. */
@Controller(produces = MediaType.TEXT_HTML)
public class TodayController {

    private final ServiceClient services;
    private final PartnerNames partners;
    private final Pages pages;
    private final Parallel parallel;

    public TodayController(ServiceClient services, PartnerNames partners, Pages pages, Parallel parallel) {
        this.services = services;
        this.partners = partners;
        this.pages = pages;
        this.parallel = parallel;
    }

    @Get
    public HttpResponse<?> today(HttpRequest<?> request, StaffSession session) {
        var thankYous = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/tasks",
                Map.of("type", "THANK_YOU", "status", "OPEN", "size", 50)));
        var overdue = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/tasks",
                Map.of("overdue", true, "size", 50)));
        var awaitingConsent = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("status", "AWAITING_CONSENT", "size", 20)));
        var drafts = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/reports",
                Map.of("status", "DRAFT", "size", 20)));
        // New referrals first seen by a person here, whoever recorded them (a partner's intake link included).
        var received = Section.start(parallel, () -> services.get(session, Service.REFERRALS, "/api/v1/referrals",
                Map.of("direction", "RECEIVED", "status", "RECEIVED", "size", 20)));
        var goal = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/goals/weekly"));
        var quiet = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/analytics/dormant", Map.of("days", 90)));

        Section<Doc> thanks = thankYous.join();
        Section<Doc> late = overdue.join();
        List<String> ids = new ArrayList<>();
        if (thanks.ok()) {
            thanks.value().items().forEach(t -> ids.add(t.str("practitionerId")));
        }
        if (late.ok()) {
            late.value().items().forEach(t -> ids.add(t.str("practitionerId")));
        }
        Section<Doc> consent = awaitingConsent.join();
        Section<Doc> draft = drafts.join();
        for (Section<Doc> s : List.of(consent, draft)) {
            if (s.ok()) {
                s.value().items().forEach(r -> ids.add(r.str("practitionerId")));
            }
        }
        Map<String, Doc> names = partners.lookup(session, ids);
        return pages.page(request, session, "today", "Today", "today", Map.of(
                "thankYous", thanks, "overdue", late, "awaitingConsent", consent, "drafts", draft,
                "goal", goal.join(), "quiet", quiet.join(), "partners", names, "received", received.join()));
    }

}
