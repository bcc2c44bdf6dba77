package app.rapport.reports.domain;

/** How the patient gave consent to disclose. */
public enum ConsentObtainedVia {
    WRITTEN_FORM, ELECTRONIC_SIGNATURE, PATIENT_PORTAL, VERBAL_DOCUMENTED
}
