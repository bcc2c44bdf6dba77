package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One partner's history across the services — referrals both ways, tasks, reports sent, gifts,
 * introductions, stage changes — as one list, newest first. Each source is read as its service
 * answers it; a source the page could not load is simply absent (its Section says why).
 */
public final class PartnerTimeline {

    /**
     * @param kind  referral, task, report, gift, introduction or stage (the browser tests' {@code data-kind})
     * @param at    the ISO date or instant the entry happened
     * @param href  where the entry leads; empty when nowhere
     */
    public record Entry(String kind, String at, String title, String detail, String href) {
        Instant sortKey() {
            return instantOf(at);
        }
    }

    private PartnerTimeline() {
    }

    /** All entries, newest first; entries of the same moment keep the order they came in. */
    @SafeVarargs
    public static List<Entry> merge(Collection<Entry>... sources) {
        List<Entry> all = new ArrayList<>();
        for (Collection<Entry> source : sources) {
            all.addAll(source);
        }
        all.sort(Comparator.comparing(Entry::sortKey).reversed());
        return all;
    }

    /** referrals-service {@code GET /api/v1/referrals?practitionerId=} (a page of summaries). */
    public static List<Entry> referrals(Doc page) {
        List<Entry> out = new ArrayList<>();
        for (Doc r : page.items()) {
            boolean sent = "SENT".equals(r.str("direction"));
            String title = (sent ? "Referral sent" : "Referral received")
                    + ("SECOND_OPINION".equals(r.str("kind")) ? " (second opinion)" : "");
            String detail = join(Forms.words(r.str("status")), r.str("patientName"),
                    r.has("loopClosedAt") ? "loop closed " + Forms.day(r.str("loopClosedAt")) : "");
            out.add(new Entry("referral", r.str("referredOn"), title, detail, "/referrals/" + r.str("id")));
        }
        return out;
    }

    /** outreach-service {@code GET /api/v1/tasks?practitionerId=}: done and skipped tasks when they ended, others when proposed. */
    public static List<Entry> tasks(Doc page) {
        List<Entry> out = new ArrayList<>();
        for (Doc t : page.items()) {
            String status = t.str("status");
            String at = t.has("completedAt") ? t.str("completedAt") : t.str("createdAt");
            String what = switch (status) {
                case "DONE" -> "done";
                case "SKIPPED" -> "skipped";
                case "PROPOSED" -> "proposed, waiting for approval";
                default -> "to do";
            };
            String detail = switch (status) {
                case "DONE" -> join(t.str("outcome"), "by " + Forms.words(t.str("channel")).toLowerCase());
                case "SKIPPED" -> t.str("skipReason");
                default -> join("due " + Forms.day(t.str("dueOn")), t.str("note"));
            };
            String href = t.has("referralId") ? "/referrals/" + t.str("referralId")
                    : "/tasks?practitionerId=" + t.str("practitionerId");
            out.add(new Entry("task", at, Forms.words(t.str("type")) + " " + what, detail, href));
        }
        return out;
    }

    /** reports-service {@code GET /api/v1/reports?practitionerId=}: only the reports that went out. */
    public static List<Entry> reports(Doc page) {
        List<Entry> out = new ArrayList<>();
        for (Doc r : page.items()) {
            if (!r.has("sentAt")) {
                continue;
            }
            String detail = r.has("sentChannel") ? "by " + Forms.words(r.str("sentChannel")).toLowerCase() : "";
            out.add(new Entry("report", r.str("sentAt"), Forms.words(r.str("type")) + " report sent", detail,
                    "/referrals/" + r.str("referralId")));
        }
        return out;
    }

    /** outreach-service {@code GET /api/v1/gifts?practitionerId=&year=}, one page per year. */
    public static List<Entry> gifts(Collection<Doc> pages) {
        List<Entry> out = new ArrayList<>();
        for (Doc page : pages) {
            for (Doc g : page.items()) {
                String detail = join(g.str("description"), g.str("value.amount") + " " + g.str("value.currency"));
                String href = "/tasks?practitionerId=" + g.str("practitionerId") + "&type=GESTURE";
                out.add(new Entry("gift", g.str("givenOn"), "Gift: " + Forms.words(g.str("kind")).toLowerCase(), detail,
                        g.has("taskId") ? href : ""));
            }
        }
        return out;
    }

    /** contacts-service {@code GET /practitioners/{id}/introductions}: whom this partner introduced. */
    public static List<Entry> introductions(Doc page) {
        List<Entry> out = new ArrayList<>();
        for (Doc i : page.items()) {
            Doc p = i.doc("practitioner");
            String name = (p.str("firstName") + " " + p.str("lastName")).trim();
            String title = "Introduced " + (name.isEmpty() ? "a practitioner" : name)
                    + (p.has("specialty") ? " (" + PartnerForm.label(p.str("specialty")) + ")" : "");
            out.add(new Entry("introduction", i.str("recordedAt"), title, i.str("note"),
                    p.has("id") ? "/partners/" + p.str("id") : ""));
        }
        return out;
    }

    /** contacts-service {@code GET /practitioners/{id}/stage-history} (a list, read as {@code items}). */
    public static List<Entry> stages(Doc history) {
        List<Entry> out = new ArrayList<>();
        // The history comes oldest first; read newest first so two changes in the same second stay in order.
        List<Doc> changes = new ArrayList<>(history.items());
        java.util.Collections.reverse(changes);
        for (Doc c : changes) {
            String title = c.has("from")
                    ? "Stage " + Forms.words(c.str("from")).toLowerCase() + " → " + Forms.words(c.str("to")).toLowerCase()
                    : "Entered as " + Forms.words(c.str("to")).toLowerCase();
            out.add(new Entry("stage", c.str("changedAt"), title, join(c.str("reason"), "by " + c.str("changedBy")), "#stage"));
        }
        return out;
    }

    /** A date sorts at the start of its day (UTC), so what happened on it later comes above it. */
    static Instant instantOf(String at) {
        if (at == null || at.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            if (at.length() == 10) {
                return LocalDate.parse(at).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String join(String... parts) {
        StringBuilder s = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank() && !p.equals("by ")) {
                if (s.length() > 0) {
                    s.append(" · ");
                }
                s.append(p.strip());
            }
        }
        return s.toString();
    }
}
