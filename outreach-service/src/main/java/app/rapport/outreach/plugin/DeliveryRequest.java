package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.Signature;

import java.time.LocalDate;

/**
 * What a channel needs to carry a task out.
 *
 * @param template  the clinic's wording for this kind of task (its own, or the default)
 * @param clinic    the clinic's profile: its name and letterhead ({@link ClinicProfile#unknown} until it arrives)
 * @param signature who signs: the referral's treating clinician, or the clinic
 * @param today     the day it goes out, in the clinic's time zone: a letter is dated with it
 * @param staffUser who asked for the delivery
 */
public record DeliveryRequest(String clinicId, TaskSnapshot task, Partner partner, MessageTemplate template,
                              ClinicProfile clinic, Signature signature, LocalDate today, String staffUser) {
}
