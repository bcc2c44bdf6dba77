package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.util.LinkedHashMap;
import java.util.Map;

/** The partner list's filters as the person set them, and the links that keep them while paging. */
public record PartnerListPage(String q, String specialty, String stage, String tag, boolean includeArchived, int page) implements FilteredList {

    @Override
    public String path() {
        return "/partners";
    }

    public PartnerListPage {
        q = q == null ? "" : q.strip();
        specialty = specialty == null ? "" : specialty;
        stage = stage == null ? "" : stage;
        tag = tag == null ? "" : tag.strip();
    }

    /** The filters as contacts-service's search takes them (empty ones left out). */
    @Override
    public Map<String, Object> filters() {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "q", q);
        put(f, "specialty", specialty);
        put(f, "stage", stage);
        put(f, "tag", tag);
        if (includeArchived) {
            f.put("includeArchived", true);
        }
        return f;
    }

    private static void put(Map<String, Object> f, String key, String value) {
        if (!value.isEmpty()) {
            f.put(key, value);
        }
    }

    /** The later of the partner's last referral received and sent, in words; empty when none is known. */
    public static String lastReferral(Doc partner) {
        String received = partner.str("lastReferralReceivedOn");
        String sent = partner.str("lastReferralSentOn");
        if (received.isEmpty() && sent.isEmpty()) {
            return "";
        }
        if (sent.isEmpty() || (!received.isEmpty() && received.compareTo(sent) >= 0)) {
            return "received " + Forms.day(received);
        }
        return "sent " + Forms.day(sent);
    }
}
