package app.rapport.referrals.web;

import app.rapport.referrals.domain.Partner;
import app.rapport.referrals.domain.Patient;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.repository.AttachmentRepository;
import app.rapport.referrals.repository.PartnerRepository;
import app.rapport.referrals.repository.PatientRepository;
import app.rapport.referrals.repository.StatusChangeRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assembles what staff see of a referral from its rows, always within the caller's clinic. */
@Singleton
public class ReferralViews {

    private final PatientRepository patients;
    private final PartnerRepository partners;
    private final AttachmentRepository attachments;
    private final StatusChangeRepository history;

    public ReferralViews(PatientRepository patients, PartnerRepository partners, AttachmentRepository attachments,
                         StatusChangeRepository history) {
        this.patients = patients;
        this.partners = partners;
        this.attachments = attachments;
        this.history = history;
    }

    public ReferralView full(Referral r) {
        String clinic = r.clinicId();
        Patient patient = patients.findByIdAndClinicId(r.patientId(), clinic).orElseThrow();
        return ReferralView.of(r, partners.findByClinicIdAndPractitionerId(clinic, r.practitionerId()).orElse(null),
                patient, attachments.findByClinicIdAndReferralIdOrderByListOrderAsc(clinic, r.id()),
                history.findByClinicIdAndReferralIdOrderByStepAsc(clinic, r.id()),
                patients.findByClinicIdAndLastNameAndFirstNameAndBirthDateOrderByCreatedAtAsc(clinic,
                        patient.lastName(), patient.firstName(), patient.birthDate()));
    }

    /** A referral just opened, from the rows its transaction wrote: no read-back (issue 14). */
    public ReferralView opened(app.rapport.referrals.domain.OpenedReferral opened) {
        return ReferralView.of(opened.referral(), opened.partner(), opened.patient(), opened.attachments(),
                List.of(opened.firstStatus()), opened.namesakes());
    }

    public app.rapport.platform.web.Page<ReferralSummary> summaries(String clinicId,
                                                                   app.rapport.platform.web.Page<Referral> page) {
        List<Referral> rows = page.items();
        Map<String, Patient> byId = rows.isEmpty() ? Map.of()
                : patients.findByClinicIdAndIdIn(clinicId, rows.stream().map(Referral::patientId)
                        .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Patient::id, Function.identity()));
        Map<String, Partner> partnerById = rows.isEmpty() ? Map.of()
                : partners.findByClinicIdAndPractitionerIdIn(clinicId, rows.stream().map(Referral::practitionerId)
                        .collect(Collectors.toSet())).stream()
                        .collect(Collectors.toMap(Partner::practitionerId, Function.identity(), (a, b) -> a));
        return page.map(r -> ReferralSummary.of(r, partnerById.get(r.practitionerId()),
                byId.get(r.patientId())));
    }
}
