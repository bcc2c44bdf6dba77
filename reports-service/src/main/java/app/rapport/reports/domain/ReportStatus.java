package app.rapport.reports.domain;

/**
 * AWAITING_CONSENT until the patient's consent to disclose to the recipient is on file, then
 * DRAFT; SENDING while a send delivers it (the disclosure is logged), then SENT. A send that
 * cannot tell whether it arrived (the connection broke, or the service stopped mid-delivery) leaves
 * it DELIVERY_UNCONFIRMED for staff: they confirm it arrived, or send it again (ADR 0407).
 */
public enum ReportStatus {
    AWAITING_CONSENT, DRAFT, SENDING, SENT, DELIVERY_UNCONFIRMED
}
