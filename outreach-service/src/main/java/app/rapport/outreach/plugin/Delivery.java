package app.rapport.outreach.plugin;

import io.micronaut.core.annotation.Nullable;

/**
 * What a channel did.
 *
 * @param completesTask true when the task is done by this (an e-mailed thank-you); false when a
 *                      person still has to act (sign the card, make the call, hear back)
 * @param summary       what was done or prepared, in staff's words; the outcome when it completes
 * @param document      a printable document (the card PDF), if the channel makes one
 * @param contentType   the document's media type
 * @param script        what to say, for a phone call
 */
public record Delivery(boolean completesTask, String summary, @Nullable byte[] document,
                       @Nullable String contentType, @Nullable String script) {

    public static Delivery done(String outcome) {
        return new Delivery(true, outcome, null, null, null);
    }

    public static Delivery prepared(String summary) {
        return new Delivery(false, summary, null, null, null);
    }
}
