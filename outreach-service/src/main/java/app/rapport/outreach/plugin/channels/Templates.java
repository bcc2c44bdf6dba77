package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.plugin.DeliveryRequest;

import java.util.Map;

/** The values a message template's placeholders are filled with. */
final class Templates {

    private Templates() {
    }

    static Map<String, String> values(DeliveryRequest r) {
        return Map.of(
                "partnerName", r.partner().salutationName(),
                "partnerFullName", r.partner().displayName(),
                "offer", r.task().offer() == null ? "a visit to our clinic" : r.task().offer().wording());
    }
}
