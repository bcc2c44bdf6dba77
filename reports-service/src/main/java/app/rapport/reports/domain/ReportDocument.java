package app.rapport.reports.domain;

import java.util.List;

/**
 * Everything a renderer needs for one report; built from this service's own tables.
 *
 * @param measures the measures table (recorded measurements merged with the content's measures)
 */
public record ReportDocument(Report report, ReferralRecord referral, Practitioner recipient, ReportContent content,
                             String clinicId, List<MeasureProgress> measures) {
}
