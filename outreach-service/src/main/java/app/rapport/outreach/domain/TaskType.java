package app.rapport.outreach.domain;

/** What kind of outreach a task asks for (the contract's OutreachTaskType). */
public enum TaskType {
    THANK_YOU, GESTURE, INTRO_MEETING, CHECK_IN, NEW_CONTACT, INVITATION
}
