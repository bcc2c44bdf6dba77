package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The accounting of disclosures a patient may ask for: who sent which report to whom, when, by
 * which channel and under which consent. Printable as it is (the print stylesheet drops the
 * console around it).
 */
@Controller(value = "/patients", produces = MediaType.TEXT_HTML)
public class DisclosureLogController {

    private final ServiceClient services;
    private final Pages pages;
    private final Parallel parallel;

    public DisclosureLogController(ServiceClient services, Pages pages, Parallel parallel) {
        this.services = services;
        this.pages = pages;
        this.parallel = parallel;
    }

    @Get("/{reference}/disclosures")
    public HttpResponse<?> disclosures(HttpRequest<?> request, StaffSession session, @PathVariable String reference) {
        var consents = Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/consents",
                Map.of("patient", reference, "size", 100)));
        Section<Doc> log = Section.load(() -> services.get(session, Service.REPORTS, "/api/v1/disclosures",
                Map.of("patient", reference, "size", 200)));
        Map<String, Doc> consentsById = new LinkedHashMap<>();
        Section<Doc> c = consents.join();
        if (c.ok()) {
            c.value().items().forEach(x -> consentsById.put(x.str("id"), x));
        }
        Doc patient = log.ok() && !log.value().items().isEmpty()
                ? patientOf(session, log.value().items().get(0).str("reportId")) : Doc.empty();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference);
        model.put("patient", patient);
        model.put("log", log);
        model.put("consents", consentsById);
        return pages.page(request, session, "disclosures", "Disclosure log", "reports", model);
    }

    /** The patient as their referral names them: disclosures and reports carry only the pseudonymous reference. */
    private Doc patientOf(StaffSession session, String reportId) {
        try {
            Doc report = services.get(session, Service.REPORTS, "/api/v1/reports/" + reportId);
            return services.get(session, Service.REFERRALS, "/api/v1/referrals/" + report.str("referralId")).doc("patient");
        } catch (ServiceProblem e) {
            return Doc.empty();
        }
    }
}
