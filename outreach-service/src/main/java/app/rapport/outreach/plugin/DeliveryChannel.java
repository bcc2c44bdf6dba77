package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.platform.plugin.RapportPlugin;

import java.util.Set;

/**
 * The extension point for carrying a task out: send the e-mail, render the card to sign, give
 * staff the call script. The service picks the first enabled channel plugin that serves the
 * task's channel; a clinic can switch one off by name.
 */
public interface DeliveryChannel extends RapportPlugin {

    String EXTENSION_POINT = "delivery-channel";

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }

    /** The task channels this plugin can carry out. */
    Set<OutreachChannel> channels();

    /**
     * Carries the task out, or prepares it for a person to finish.
     *
     * @throws DeliveryFailedException when the outside world (SMTP server, …) refused; nothing is recorded
     */
    Delivery deliver(DeliveryRequest request);
}
