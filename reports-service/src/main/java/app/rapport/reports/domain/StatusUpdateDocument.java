package app.rapport.reports.domain;

/** Everything a status update's renderers and deliveries need, from this service's own tables. */
public record StatusUpdateDocument(StatusUpdate update, ReferralRecord referral, Practitioner recipient,
                                   String clinicId) {
}
