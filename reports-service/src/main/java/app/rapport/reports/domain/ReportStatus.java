package app.rapport.reports.domain;

/** AWAITING_CONSENT until the patient's consent to disclose to the recipient is on file, then DRAFT, then SENT. */
public enum ReportStatus {
    AWAITING_CONSENT, DRAFT, SENT
}
