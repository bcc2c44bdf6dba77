package app.rapport.reports.plugin;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a delivery plugin sends a document.
 *
 * @param address   an e-mail address, an e-mail-to-fax address, or "print queue"
 * @param faxNumber the partner's fax number when the document is a fax (sent by the gateway or by hand)
 * @param faxByHand the clinic has no fax gateway (or the partner no fax number): the print queue puts a
 *                  fax cover sheet first and staff fax it by hand
 */
public record Destination(String address, @Nullable String faxNumber, boolean faxByHand) {

    public static Destination of(String address) {
        return new Destination(address, null, false);
    }
}
