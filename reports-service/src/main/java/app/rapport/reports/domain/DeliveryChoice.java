package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.plugin.PluginRegistry;
import app.rapport.reports.plugin.Destination;
import app.rapport.reports.plugin.FaxGatewayDelivery;
import app.rapport.reports.plugin.PrintQueueDelivery;
import app.rapport.reports.plugin.ReportDelivery;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * How a report or letter reaches its recipient: the channel asked for (or the partner's, else
 * e-mail when there is an address, else print), served by an enabled delivery plugin. A FAX is
 * never refused: without the clinic's fax gateway (or the partner's fax number) it goes to the
 * print queue with a fax cover sheet, for staff to fax by hand.
 */
@Singleton
public class DeliveryChoice {

    private final List<ReportDelivery> deliveries;
    private final PluginRegistry plugins;
    private final FaxGatewayDelivery faxGateway;
    private final PrintQueueDelivery printQueue;

    public DeliveryChoice(List<ReportDelivery> deliveries, PluginRegistry plugins, FaxGatewayDelivery faxGateway,
                          PrintQueueDelivery printQueue) {
        this.deliveries = deliveries;
        this.plugins = plugins;
        this.faxGateway = faxGateway;
        this.printQueue = printQueue;
    }

    /** The plugin, the channel the disclosure log records, and where it goes. */
    public record Route(ReportDelivery delivery, ReportChannel channel, Destination destination) {

        /** What the disclosure log keeps as the address: the e-mail address or fax number; null for post. */
        @Nullable
        public String disclosedAddress() {
            return switch (channel) {
                case EMAIL -> destination.address();
                case FAX -> destination.faxNumber();
                case PRINT -> destination.faxByHand() ? destination.faxNumber() : null;
            };
        }
    }

    /** @throws DomainException 422 naming {@code channel} when EMAIL or PRINT is asked for and cannot be served */
    public Route choose(String clinicId, Practitioner recipient, @Nullable ReportChannel requested) {
        ReportChannel channel = requested != null ? requested : defaultChannel(recipient);
        if (channel == ReportChannel.FAX) {
            if (plugins.isEnabled(clinicId, faxGateway.name()) && faxGateway.reaches(recipient)) {
                return new Route(faxGateway, ReportChannel.FAX,
                        new Destination(faxGateway.destination(recipient), recipient.fax(), false));
            }
            // The by-hand queue takes what cannot go automatically, even where a clinic switched
            // print-queue off as a channel to choose: a FAX preference must never block a send.
            return new Route(printQueue, ReportChannel.PRINT,
                    new Destination(printQueue.destination(recipient), recipient.fax(), true));
        }
        ReportDelivery delivery = plugins.enabledFor(clinicId, deliveries).stream()
                .filter(d -> d.channel() == channel).findFirst()
                .orElseThrow(() -> DomainException.invalidField("channel",
                        "no delivery for " + channel + " is enabled; choose EMAIL, FAX or PRINT"));
        return new Route(delivery, channel, Destination.of(delivery.destination(recipient)));
    }

    /**
     * A status update has nobody at a send button to choose another channel: where the partner's
     * channel cannot be served (no e-mail address, a plugin switched off), it goes to the print queue.
     */
    public Route forStatusUpdate(Practitioner referrer) {
        try {
            return choose(referrer.clinicId(), referrer, null);
        } catch (DomainException e) {
            return new Route(printQueue, ReportChannel.PRINT, Destination.of(printQueue.destination(referrer)));
        }
    }

    /** The partner's stated channel, else e-mail when there is an address, else print. */
    private static ReportChannel defaultChannel(Practitioner recipient) {
        if (recipient.reportChannel() != null) {
            return recipient.reportChannel();
        }
        return recipient.email() != null ? ReportChannel.EMAIL : ReportChannel.PRINT;
    }
}
