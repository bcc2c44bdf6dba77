package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A referral as it was just written, with what its 201 shows: the answer is built from these rows
 * rather than read back from the database.
 *
 * @param partner      the referring or receiving partner, as the directory copy had them
 * @param patient      the patient the referral names, as on file after the change
 * @param namesakes    every patient of that name and birth date in the clinic, the referral's own included
 */
public record OpenedReferral(Referral referral, @Nullable Partner partner, Patient patient, List<Attachment> attachments,
                             StatusChange firstStatus, List<Patient> namesakes) {
}
