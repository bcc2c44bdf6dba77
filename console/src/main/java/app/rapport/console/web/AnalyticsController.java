package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Analytics: every chart reports-service computes, over one date range, for the clinic or (for a
 * group-admin) the group roll-up; each chart with its table and its CSV, passed through as the
 * service writes it.
 */
@Controller("/analytics")
public class AnalyticsController {

    /** The role reports-service reads group roll-ups for (ADR 0401): it only decides whether the switch shows; the service still decides. */
    static final String GROUP_ADMIN = "group-admin";

    private final ServiceClient services;
    private final Pages pages;
    private final Parallel parallel;
    private final JsonMapper json;

    public AnalyticsController(ServiceClient services, Pages pages, Parallel parallel, JsonMapper json) {
        this.services = services;
        this.pages = pages;
        this.parallel = parallel;
        this.json = json;
    }

    /** One chart's answer: its rows as drawn, or why the block is not shown. */
    public record Shown(AnalyticsReport report, Section<Doc> answer, String chartJson) {
        public List<Doc> rows() {
            return answer.ok() ? answer.value().docs("rows") : List.of();
        }
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<?> page(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String scope) {
        AnalyticsRange asked = AnalyticsRange.of(from, to, scope, Forms.today());
        AnalyticsRange range = asked;
        List<Shown> charts = new ArrayList<>();
        if (asked.valid()) {
            List<ServiceProblem> refusedRange = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<AnalyticsReport, CompletableFuture<Section<Doc>>> pending = new LinkedHashMap<>();
            for (AnalyticsReport report : AnalyticsReport.ALL) {
                pending.put(report, Section.start(parallel, () -> {
                    try {
                        return services.get(session, Service.REPORTS, report.path(), report.query(asked));
                    } catch (ServiceProblem p) {
                        if (!p.fieldErrors().isEmpty()) {
                            refusedRange.add(p);
                        }
                        throw p;
                    }
                }));
            }
            pending.forEach((report, answer) -> {
                Section<Doc> section = answer.join();
                charts.add(new Shown(report, section, section.ok() ? write(report.chart(section.value().docs("rows"))) : ""));
            });
            if (!refusedRange.isEmpty()) {
                // A range the service refuses (the end before the start): the message at its field, no charts.
                range = asked.refused(refusedRange.get(0));
                charts.clear();
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("range", range);
        model.put("charts", charts);
        model.put("mayRollUp", session.has(GROUP_ADMIN));
        model.put("clinics", charts.stream().filter(c -> c.answer().ok()).findFirst()
                .map(c -> c.answer().value().strs("clinics")).orElse(List.of()));
        return pages.page(request, session, "analytics", "Analytics", "analytics", model);
    }

    /** The service's own CSV of one chart over the range, as a file named for the report and the range. */
    @Get("/csv/{report}")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public HttpResponse<?> csv(HttpRequest<?> request, StaffSession session, @PathVariable String report,
                               @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                               @Nullable @QueryValue String scope) {
        AnalyticsRange range = AnalyticsRange.of(from, to, scope, Forms.today());
        AnalyticsReport chosen = AnalyticsReport.byId(report).orElse(null);
        if (chosen == null || !range.valid()) {
            // Nothing to download: the page, where the range's message shows at its field.
            return HttpResponse.seeOther(java.net.URI.create(range.pageHref(range.group())));
        }
        byte[] csv = services.bytes(session, Service.REPORTS, chosen.path(), chosen.query(range), "text/csv");
        return HttpResponse.ok(csv).contentType("text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + range.csvFileName(chosen.id()) + "\"");
    }

    // As referrals-service dates a referral entered without a day.

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
