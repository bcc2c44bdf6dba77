package app.rapport.reports.domain;

/** Which report: after the initial evaluation, during care, or at discharge. */
public enum ReportType {
    INITIAL, PROGRESS, DISCHARGE
}
