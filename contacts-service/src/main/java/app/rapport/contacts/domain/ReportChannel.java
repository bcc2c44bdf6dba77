package app.rapport.contacts.domain;

/** How a report reaches a partner; PRINT is mailed or handed over. */
public enum ReportChannel {
    EMAIL,
    FAX,
    PRINT
}
