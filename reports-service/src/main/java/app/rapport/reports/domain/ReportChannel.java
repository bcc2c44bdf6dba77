package app.rapport.reports.domain;

/** How a report reaches its recipient; PRINT is the print queue (mailed or handed over). */
public enum ReportChannel {
    EMAIL, FAX, PRINT
}
