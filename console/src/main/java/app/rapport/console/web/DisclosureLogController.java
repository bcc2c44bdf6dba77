package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The accounting of disclosures a patient may ask for: who sent which report to whom, when, by
 * which channel and under which consent. Printable as it is (the print stylesheet drops the
 * console around it).
 */
@Controller(value = "/patients", produces = MediaType.TEXT_HTML)
public class DisclosureLogController {

    /** The service's largest page. */
    static final int PAGE_SIZE = 200;
    /**
     * One patient's log is a few lines a year; this many pages only stop a runaway loop, and the
     * caption says so if they are ever not enough.
     */
    static final int MAX_PAGES = 25;

    private final ServiceClient services;
    private final Pages pages;
    private final ReportPatients patients;

    public DisclosureLogController(ServiceClient services, Pages pages, ReportPatients patients) {
        this.services = services;
        this.pages = pages;
        this.patients = patients;
    }

    @Get("/{reference}/disclosures")
    public HttpResponse<?> disclosures(HttpRequest<?> request, StaffSession session, @PathVariable String reference) {
        var consents = patients.consents(session, reference);
        Section<Doc> log = Section.load(() -> wholeLog(session, reference));
        Map<String, Doc> consentsById = new LinkedHashMap<>();
        Section<Doc> c = ReportPatients.join(consents);
        if (c.ok()) {
            c.value().items().forEach(x -> consentsById.put(x.str("id"), x));
        }
        // Letters and status updates are logged too; a report's row leads to the patient's name.
        Doc patient = log.ok() ? log.value().items().stream().filter(d -> d.has("reportId")).findFirst()
                .map(d -> patients.patientOfReport(session, d.str("reportId"))).orElse(Doc.empty()) : Doc.empty();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference);
        model.put("patient", patient);
        model.put("log", log);
        model.put("consents", consentsById);
        return pages.page(request, session, "disclosures", "Disclosure log", "reports", model);
    }

    /** Every page of the log, newest first, as one list: a printed accounting that stopped at a page would mislead. */
    private Doc wholeLog(StaffSession session, String reference) {
        return allPages(page -> services.get(session, Service.REPORTS, "/api/v1/disclosures",
                Map.of("patient", reference, "size", PAGE_SIZE, "page", page)));
    }

    /** The pages {@code pageAt(0)}, {@code pageAt(1)}, … of a paged answer as one, up to {@link #MAX_PAGES}. */
    static Doc allPages(IntFunction<Doc> pageAt) {
        List<Object> items = new ArrayList<>();
        long total = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Doc answer = pageAt.apply(page);
            total = answer.num("total");
            List<Doc> got = answer.items();
            got.forEach(d -> items.add(d.asMap()));
            if (got.size() < PAGE_SIZE || items.size() >= total) {
                break;
            }
        }
        return Doc.of(Map.of("items", items, "total", total));
    }
}
