package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The partner list's filters as the person set them, and the links that keep them while paging. */
public record PartnerListPage(String q, String specialty, String stage, String tag, boolean includeArchived, int page) {

    public PartnerListPage {
        q = q == null ? "" : q.strip();
        specialty = specialty == null ? "" : specialty;
        stage = stage == null ? "" : stage;
        tag = tag == null ? "" : tag.strip();
    }

    /** The filters as contacts-service's search takes them (empty ones left out). */
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

    public boolean filtered() {
        return !filters().isEmpty();
    }

    /** The form's values, so the filter form shows what is applied. */
    public FormState form() {
        Map<String, String> v = new LinkedHashMap<>();
        filters().forEach((k, val) -> v.put(k, String.valueOf(val)));
        return FormState.of(v);
    }

    public String pageHref(int number) {
        Map<String, Object> f = filters();
        if (number > 0) {
            f.put("page", number);
        }
        return "/partners" + query(f);
    }

    public boolean hasNext(Doc answer, int size) {
        return (long) (page + 1) * size < answer.num("total");
    }

    static String query(Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        params.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
        return q.toString();
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
