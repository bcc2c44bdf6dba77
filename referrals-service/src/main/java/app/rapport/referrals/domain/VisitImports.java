package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.referrals.plugin.VisitImporter;
import app.rapport.referrals.repository.PatientRepository;
import app.rapport.referrals.repository.ReferralRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the visits a visit importer read, line by line: each line in its own transaction, so one
 * bad line never costs the good ones, and a line already imported is reported, not doubled.
 */
@Singleton
public class VisitImports {

    private static final Logger LOG = LoggerFactory.getLogger(VisitImports.class);

    private final VisitLog visitLog;
    private final PatientRepository patients;
    private final ReferralRepository referrals;

    public VisitImports(VisitLog visitLog, PatientRepository patients, ReferralRepository referrals) {
        this.visitLog = visitLog;
        this.patients = patients;
        this.referrals = referrals;
    }

    public enum LineOutcome { IMPORTED, DUPLICATE, REJECTED }

    public record LineReport(int line, LineOutcome outcome, @Nullable String referralId, @Nullable String visitId,
                             @Nullable Integer visitNumber, @Nullable String reason) {
    }

    public List<LineReport> importVisits(String clinicId, String actor, VisitImporter adapter, String content) {
        List<LineReport> report = new ArrayList<>();
        for (VisitImporter.VisitLine line : adapter.read(content)) {
            report.add(importLine(clinicId, actor, adapter.name(), line));
        }
        LOG.info("Visit import by {} in clinic {}: {} lines, {} imported", adapter.name(), clinicId, report.size(),
                report.stream().filter(r -> r.outcome() == LineOutcome.IMPORTED).count());
        return report;
    }

    private LineReport importLine(String clinicId, String actor, String source, VisitImporter.VisitLine line) {
        if (line.problem() != null) {
            return new LineReport(line.line(), LineOutcome.REJECTED, null, null, null, line.problem());
        }
        String referralId = line.referralId();
        if (referralId == null) {
            VisitImporter.PatientMatch p = line.patient();
            List<String> patientIds = patients.findByClinicIdAndLastNameAndFirstNameAndBirthDate(clinicId, p.lastName(),
                    p.firstName(), p.birthDate()).stream().map(Patient::id).toList();
            List<Referral> open = patientIds.isEmpty() ? List.of()
                    : referrals.findByClinicIdAndPatientIdInAndDirectionAndStatusIn(clinicId, patientIds,
                    Direction.RECEIVED, VisitLog.VISITABLE);
            if (open.isEmpty()) {
                return new LineReport(line.line(), LineOutcome.REJECTED, null, null, null,
                        "no scheduled or active referral for this patient");
            }
            if (open.size() > 1) {
                return new LineReport(line.line(), LineOutcome.REJECTED, null, null, null,
                        "the patient has " + open.size() + " active referrals; give referral_id");
            }
            referralId = open.get(0).id();
        }
        try {
            VisitLog.Outcome outcome = visitLog.record(clinicId, referralId, new VisitLog.VisitDraft(line.visitDate(),
                    line.type(), line.billedAmount(), line.currency(), source, line.externalRef()), actor);
            return new LineReport(line.line(), outcome.duplicate() ? LineOutcome.DUPLICATE : LineOutcome.IMPORTED,
                    referralId, outcome.visit().id(), outcome.visit().visitNumber(),
                    outcome.duplicate() ? "already imported" : null);
        } catch (DomainException e) {
            return new LineReport(line.line(), LineOutcome.REJECTED, referralId, null, null, e.getMessage());
        }
    }
}
