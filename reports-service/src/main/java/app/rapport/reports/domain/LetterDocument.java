package app.rapport.reports.domain;

/** Everything a letter's renderers and deliveries need, from this service's own tables. */
public record LetterDocument(Letter letter, ReferralRecord referral, Practitioner recipient, String clinicId) {
}
