package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the referral list shows — direction tab, status chip, name search, page — read from the
 * address, and the links that change one of them. Every link is a plain GET, so the list works
 * without JavaScript and a filtered list can be bookmarked.
 */
public record ReferralListQuery(String direction, String status, String q, int page) {

    public static final int PAGE_SIZE = 20;
    static final int MAX_Q = 100;
    static final List<String> DIRECTIONS = List.of("RECEIVED", "SENT");

    public record Tab(String label, String href, boolean current) {
    }

    public record Chip(String label, String status, long count, String href, boolean current) {
    }

    /** Anything unexpected in the address falls back to the unfiltered first page of received referrals. */
    public static ReferralListQuery of(String direction, String status, String q, String page) {
        String d = direction == null ? "" : direction.trim().toUpperCase(Locale.ROOT);
        String s = status == null ? "" : status.trim().toUpperCase(Locale.ROOT);
        String text = q == null ? "" : q.trim();
        int p;
        try {
            p = page == null || page.isBlank() ? 0 : Math.max(0, Integer.parseInt(page.trim()));
        } catch (NumberFormatException e) {
            p = 0;
        }
        return new ReferralListQuery(DIRECTIONS.contains(d) ? d : "RECEIVED", s.matches("[A-Z_]{1,32}") ? s : "",
                text.length() > MAX_Q ? text.substring(0, MAX_Q) : text, p);
    }

    /** The referrals-service list query for this page. */
    public Map<String, Object> listQuery() {
        Map<String, Object> query = countsQuery();
        query.put("status", status);
        query.put("page", page);
        query.put("size", PAGE_SIZE);
        return query;
    }

    /** The status-counts query: the same filters without the status, so each chip counts what it would show. */
    public Map<String, Object> countsQuery() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("direction", direction);
        query.put("q", q);
        return query;
    }

    public boolean filtered() {
        return !status.isEmpty() || !q.isEmpty();
    }

    public List<Tab> tabs() {
        return List.of(new Tab("Received", href("RECEIVED", "", q, 0), direction.equals("RECEIVED")),
                new Tab("Sent", href("SENT", "", q, 0), direction.equals("SENT")));
    }

    /** "All" first, then one chip per status the service counted, in the order it gave them. */
    public List<Chip> chips(Doc counts) {
        List<Chip> chips = new ArrayList<>();
        long all = 0;
        List<Chip> byStatus = new ArrayList<>();
        for (Map.Entry<String, Object> e : counts.asMap().entrySet()) {
            long n = e.getValue() instanceof Number number ? number.longValue() : 0;
            all += n;
            byStatus.add(new Chip(Forms.words(e.getKey()), e.getKey(), n, href(direction, e.getKey(), q, 0),
                    e.getKey().equals(status)));
        }
        chips.add(new Chip("All", "", all, href(direction, "", q, 0), status.isEmpty()));
        chips.addAll(byStatus);
        return chips;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public String pageHref(int p) {
        return href(direction, status, q, p);
    }

    /** The address of this list as it is, for "back to the list" links and forms. */
    public String self() {
        return href(direction, status, q, page);
    }

    /** Where "record one" leads from this tab. */
    public String newReferralHref() {
        return "/referrals/new?direction=" + direction;
    }

    public static String href(String direction, String status, String q, int page) {
        StringBuilder s = new StringBuilder("/referrals?direction=").append(direction);
        if (!status.isEmpty()) {
            s.append("&status=").append(status);
        }
        if (!q.isEmpty()) {
            s.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (page > 0) {
            s.append("&page=").append(page);
        }
        return s.toString();
    }
}
