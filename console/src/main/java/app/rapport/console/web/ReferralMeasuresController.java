package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
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
 * A received referral's objective measures (pain score, Oswestry, range of motion…), recorded per
 * visit by whoever took them: the list per measure from baseline to latest, the form to record one,
 * and removing one entered by mistake. reports-service keeps them and draws them in the report.
 */
@Controller(value = "/referrals/{id}/measures", produces = MediaType.TEXT_HTML)
public class ReferralMeasuresController {

    private final ServiceClient services;
    private final Pages pages;
    private final Parallel parallel;
    private final OnceOnly onceOnly;

    public ReferralMeasuresController(ServiceClient services, Pages pages, Parallel parallel, OnceOnly onceOnly) {
        this.services = services;
        this.pages = pages;
        this.parallel = parallel;
        this.onceOnly = onceOnly;
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        // No day filled in: the console's calendar day (UTC) may be tomorrow in the clinic's zone.
        return render(HttpStatus.OK, request, session, id, FormState.empty());
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> record(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                  @Body Map<String, String> form) {
        String here = "/referrals/" + id + "/measures";
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Map<String, Object> body = new LinkedHashMap<>(FormJson.body(form));
                body.put("referralId", id);
                services.post(session, Service.REPORTS, "/api/v1/measurements", body);
                return here;
            });
        } catch (ServiceProblem problem) {
            if (problem.status() == 404) {
                return pages.recordUnavailable(request, session, problem, "referral", "referrals");
            }
            return render(ProblemPages.statusOf(problem), request, session, id, FormState.refused(form, problem));
        }
        return pages.redirect(here, "Measure recorded");
    }

    @Post(value = "/{measurementId}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                  @PathVariable String measurementId, @Body Map<String, String> form) {
        String here = "/referrals/" + id + "/measures";
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.delete(session, Service.REPORTS, "/api/v1/measurements/" + measurementId);
                return here;
            });
        } catch (ServiceProblem problem) {
            if (problem.status() == 404) {
                return pages.redirect(here, "That measurement was already removed");
            }
            return render(ProblemPages.statusOf(problem), request, session, id,
                    new FormState(Map.of(), Map.of(), problem.summary(), Forms.newId()));
        }
        return pages.redirect(here, "Measurement removed");
    }

    private HttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, String id,
                                   FormState form) {
        CompletableFuture<Doc> referralCall = parallel.start(() ->
                services.get(session, Service.REFERRALS, "/api/v1/referrals/" + id));
        var catalogue = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/measurements/catalogue"));
        var taken = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/measurements",
                Map.of("referralId", id, "size", 200)));
        Doc referral;
        try {
            referral = Parallel.join(referralCall);
        } catch (ServiceProblem problem) {
            return pages.recordUnavailable(request, session, problem, "referral", "referrals");
        }
        Section<Doc> list = taken.join();
        Section<Doc> measures = catalogue.join();
        // "points", "degrees": the catalogue's words for a unit, not UCUM's "{score}".
        Map<String, String> unitWords = new LinkedHashMap<>();
        if (measures.ok()) {
            measures.value().items().forEach(c -> unitWords.put(c.str("key"), c.str("unitLabel")));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("referral", referral);
        model.put("catalogue", measures);
        model.put("measures", list.ok() ? MeasureRows.of(list.value().items(), unitWords) : List.of());
        model.put("taken", list);
        model.put("form", form);
        return pages.render(status, request, session, "referral-measures",
                "Measures: " + referral.str("patient.firstName") + " " + referral.str("patient.lastName"), "referrals", model);
    }

    /** One measure's readings in the order they were taken: the first is the baseline, the last the latest. */
    public record MeasureRows(String measure, String name, String unit, List<Doc> readings) {

        static List<MeasureRows> of(List<Doc> measurements, Map<String, String> unitWords) {
            Map<String, List<Doc>> byMeasure = new LinkedHashMap<>();
            measurements.forEach(m -> byMeasure.computeIfAbsent(m.str("measure"), k -> new java.util.ArrayList<>()).add(m));
            return byMeasure.values().stream()
                    .map(r -> new MeasureRows(r.get(0).str("measure"), r.get(0).str("name"),
                            unitWords.getOrDefault(r.get(0).str("measure"), r.get(0).str("unit")), r))
                    .toList();
        }

        public Doc baseline() {
            return readings.get(0);
        }

        public Doc latest() {
            return readings.get(readings.size() - 1);
        }

        /** "−3" from baseline to latest, as the numbers read; empty for a single reading. */
        public String change() {
            if (readings.size() < 2) {
                return "";
            }
            java.math.BigDecimal d = new java.math.BigDecimal(latest().str("value"))
                    .subtract(new java.math.BigDecimal(baseline().str("value"))).stripTrailingZeros();
            return (d.signum() > 0 ? "+" : d.signum() < 0 ? "−" : "±") + d.abs().toPlainString();
        }
    }
}
