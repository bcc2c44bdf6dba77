package app.rapport.contacts.domain;

/** Which progress reports a partner wants back about the patients they referred. */
public enum ReportType {
    INITIAL,
    PROGRESS,
    DISCHARGE
}
