package app.rapport.contacts.domain;

/** Announces the clinic's profile (the whole of it, with its version) to the other services, inside the transaction that saved it. */
public interface ClinicProfilePublisher {

    void updated(String clinicId, String profileId, ClinicProfile profile);
}
