package app.rapport.reports.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed wording of each letter, around what the clinician writes. The same paragraphs go
 * into the PDF and the e-mail text. The treatment inquiry asks and never advises: the request
 * has no field for advice, and its wording says the clinic is not advising a change.
 */
public final class LetterWording {

    public static final String SECOND_OPINION = "I would appreciate working with you to find a better solution for this patient.";
    public static final String NOT_ADVISING = "We are not advising any change to this treatment: decisions about it "
            + "remain yours and your patient's. We ask only so that our care fits with yours.";

    private LetterWording() {
    }

    public static String title(LetterKind kind) {
        return switch (kind) {
            case SECOND_OPINION_REQUEST -> "Request for a second opinion";
            case TREATMENT_INQUIRY -> "A question about a treatment";
        };
    }

    /** The mail subject: says what it is, never whom it is about. */
    public static String subject(LetterKind kind) {
        return "Patient Records: Confidential - " + title(kind).toLowerCase(java.util.Locale.ROOT);
    }

    /** The paragraphs between the salutation and the signature; no patient name or birth date. */
    public static List<String> body(Letter letter) {
        List<String> p = new ArrayList<>();
        switch (letter.kind()) {
            case SECOND_OPINION_REQUEST -> {
                p.add("I am writing to ask for your opinion about a patient in our care.");
                p.add("This is the patient's current condition:");
                p.add(letter.currentCondition());
                p.add("My question: " + letter.question());
                p.add(SECOND_OPINION + " The patient has agreed to our sharing this information with you.");
            }
            case TREATMENT_INQUIRY -> {
                p.add("I am writing with a question about " + letter.treatment()
                        + ", which our shared patient receives under your care.");
                if (letter.currentCondition() != null) {
                    p.add("For context, the patient's current condition: " + letter.currentCondition());
                }
                p.add("Could you help me understand the thinking behind it? My question: " + letter.question());
                p.add(NOT_ADVISING);
                p.add("Thank you for your time; a call or a letter, whichever suits you, would be most welcome.");
            }
        }
        return p;
    }
}
