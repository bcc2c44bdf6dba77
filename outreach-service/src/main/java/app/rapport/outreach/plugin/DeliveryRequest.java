package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.Partner;

/**
 * What a channel needs to carry a task out.
 *
 * @param template the clinic's wording for this kind of task (its own, or the default)
 * @param staffUser who asked for the delivery
 */
public record DeliveryRequest(String clinicId, TaskSnapshot task, Partner partner, MessageTemplate template,
                              String staffUser) {
}
