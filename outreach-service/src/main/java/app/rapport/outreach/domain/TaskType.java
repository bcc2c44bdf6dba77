package app.rapport.outreach.domain;

/**
 * What kind of outreach a task asks for (the contract's OutreachTaskType). PERSONAL_THANKS is
 * the clinician's own call, letter or visit to a physician who refers again and again: never a gift.
 */
public enum TaskType {
    THANK_YOU, PERSONAL_THANKS, GESTURE, INTRO_MEETING, CHECK_IN, NEW_CONTACT, INVITATION
}
