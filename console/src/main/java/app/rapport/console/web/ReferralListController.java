package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.Map;

/** The referral list: received and sent in tabs, a chip per status with its count, search by name, pages. */
@Controller(value = "/referrals", produces = MediaType.TEXT_HTML)
public class ReferralListController {

    private final ServiceClient services;
    private final Pages pages;
    private final Parallel parallel;

    public ReferralListController(ServiceClient services, Pages pages, Parallel parallel) {
        this.services = services;
        this.pages = pages;
        this.parallel = parallel;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String direction,
                                @Nullable @QueryValue String status, @Nullable @QueryValue String q,
                                @Nullable @QueryValue String page) {
        ReferralListQuery query = ReferralListQuery.of(direction, status, q, page);
        var counts = Section.start(parallel, () -> services.get(session, Service.REFERRALS,
                "/api/v1/referrals/status-counts", query.countsQuery()));
        Section<Doc> referrals = Section.load(() -> services.get(session, Service.REFERRALS, "/api/v1/referrals",
                query.listQuery()));
        return pages.page(request, session, "referrals", "Referrals", "referrals",
                Map.of("query", query, "referrals", referrals, "counts", counts.join()));
    }
}
