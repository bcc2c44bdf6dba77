package app.rapport.reports.domain;

/** The letters a clinician writes to another provider about a patient, besides reports. */
public enum LetterKind {
    /** "This is the patient's current condition; I would appreciate working with you to find a better solution." */
    SECOND_OPINION_REQUEST,
    /** A respectful question about a prescription or treatment the other provider gives: never advice to change it. */
    TREATMENT_INQUIRY
}
