package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A report's patient as the front desk knows them. reports-service holds only the pseudonymous
 * patient reference; the name and birth date are on the referral the report came from. The
 * patient's consents are read here too, for the report page and the disclosure log alike.
 */
@Singleton
public class ReportPatients {

    /** One patient's consents, all of them: a handful per recipient at most. */
    static final int CONSENTS = 100;

    private final ServiceClient services;
    private final Parallel parallel;

    public ReportPatients(ServiceClient services, Parallel parallel) {
        this.services = services;
        this.parallel = parallel;
    }

    /** The referral a report came from (the patient's name, birth date, the referral's state). */
    public CompletableFuture<Section<Doc>> referral(StaffSession session, String referralId) {
        return Section.start(parallel, () -> services.get(session, Service.REFERRALS, "/api/v1/referrals/" + referralId));
    }

    public CompletableFuture<Section<Doc>> consents(StaffSession session, String patientReference) {
        return Section.start(parallel, () -> services.get(session, Service.REPORTS, "/api/v1/consents",
                Map.of("patient", patientReference, "size", CONSENTS)));
    }

    /** The patient named by the referral of report {@code reportId}; empty when either cannot be read. */
    public Doc patientOfReport(StaffSession session, String reportId) {
        Section<Doc> report = Section.load(() -> services.get(session, Service.REPORTS, "/api/v1/reports/" + reportId));
        if (!report.ok()) {
            return Doc.empty();
        }
        Section<Doc> referral = join(referral(session, report.value().str("referralId")));
        return referral.ok() ? referral.value().doc("patient") : Doc.empty();
    }

    /** referral id → the referral, for a list of reports; one that cannot be read maps to an empty doc. */
    public Map<String, Doc> referrals(StaffSession session, Collection<String> referralIds) {
        Map<String, CompletableFuture<Section<Doc>>> pending = new LinkedHashMap<>();
        for (String id : referralIds) {
            if (!id.isBlank()) {
                pending.computeIfAbsent(id, rid -> referral(session, rid));
            }
        }
        Map<String, Doc> out = new LinkedHashMap<>();
        pending.forEach((id, f) -> {
            Section<Doc> s = join(f);
            out.put(id, s.ok() ? s.value() : Doc.empty());
        });
        return out;
    }

    static <T> Section<T> join(CompletableFuture<Section<T>> pending) {
        return Parallel.join(pending); // SessionExpired goes through sign-in again
    }
}
