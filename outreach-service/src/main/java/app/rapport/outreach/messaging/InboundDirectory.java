package app.rapport.outreach.messaging;

/** What {@link DirectoryHandler} reads from contacts.practitioners.v1: a partner's snapshot, the clinic's profile or an introduction. */
public sealed interface InboundDirectory permits InboundPractitioner, InboundClinicProfile, InboundIntroduction {
}
