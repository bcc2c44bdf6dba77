package app.rapport.reports.domain;

/** Everything a renderer needs for one report; built from this service's own tables. */
public record ReportDocument(Report report, ReferralRecord referral, Practitioner recipient, ReportContent content,
                             String clinicId) {
}
