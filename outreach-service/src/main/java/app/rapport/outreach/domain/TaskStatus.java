package app.rapport.outreach.domain;

/**
 * PROPOSED waits for a person's approval (gestures), OPEN is to be done; DONE and SKIPPED are final.
 */
public enum TaskStatus {
    PROPOSED, OPEN, DONE, SKIPPED;

    public boolean isFinal() {
        return this == DONE || this == SKIPPED;
    }
}
