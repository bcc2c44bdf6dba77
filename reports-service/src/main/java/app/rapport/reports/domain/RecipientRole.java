package app.rapport.reports.domain;

/** Why the recipient gets the report. */
public enum RecipientRole {
    REFERRING_PRACTITIONER, PRIMARY_CARE
}
