package app.rapport.bench;

import app.rapport.local.RapportService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run, each beside its ceilings and its target (issue 14's targets), printed
 * on the console and written into docs/benchmarks.md between two markers (the method and the
 * analysis around them stay).
 */
final class Results {

    static final String BEGIN = "<!-- bench:begin (written by deploy/local/bench; edit outside these markers) -->";
    static final String END = "<!-- bench:end -->";

    /** One line of the headline table; {@code met} null when the figure has no target. */
    record Figure(String what, String value, String ceilings, String ratio, String target, Boolean met) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<String[]> growthRows = new ArrayList<>();
    private final Map<String, List<String>> profiles = new LinkedHashMap<>();
    private final Map<String, double[]> listP50BySize = new LinkedHashMap<>();
    private final Map<RapportService, Double> start = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Double> rssIdle = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Machine.Rss> rssLoad = new EnumMap<>(RapportService.class);
    private final BenchOptions.Profile profileWhen;
    private String machine;
    private String flags;
    private double elapsed;

    Results(BenchOptions o) {
        this.profileWhen = o.profile;
    }

    void machine(int cores, String memory, String jdk, String os, String load, String commit, BenchOptions o,
                 List<String> serviceJvm) {
        machine = "| date | " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", "") + " |\n"
                + "| commit | `" + commit + "` |\n"
                + "| cores | " + cores + " |\n"
                + "| memory | " + memory + " |\n"
                + "| JDK | " + jdk + " |\n"
                + "| OS | " + os + " |\n"
                + "| load average at start (1, 5, 15 min) | " + load + " |\n"
                + "| service and ceiling JVMs | `" + String.join(" ", serviceJvm) + "` + the jar's AppCDS archive (services) |\n";
        flags = o.flags();
    }

    void elapsedSeconds(double s) {
        elapsed = s;
    }

    void start(RapportService s, double secs) {
        start.put(s, secs);
    }

    void rssIdle(RapportService s, double mib) {
        rssIdle.put(s, mib);
    }

    void rssLoad(RapportService s, Machine.Rss rss) {
        rssLoad.put(s, rss);
        if (rss.total() > 0) {
            // What the maximum is made of: the anonymous part is the JVM's own; the file-backed part is
            // mostly the class-data archive's mapped pages, shared with the page cache.
            details.add(String.format(Locale.ROOT, "RSS of %s at its maximum under load: %.0f MiB anonymous"
                    + " (heap, metaspace, code cache, stacks, buffers) + %.0f MiB file-backed (class-data archive, jars)",
                    s.moduleName(), rss.anon(), rss.file()));
        }
    }

    void ingest(Map<String, Double> physical, Map<String, Double> sameWork, double running, Latencies runningLat, long runningFailed,
                double paused, Latencies pausedLat, long pausedFailed, List<String> profile) {
        double phys = physical.get("rate");
        double same = sameWork.get("rate");
        String ceilings = fmt(phys, "/s") + " physical; " + fmt(same, "/s") + " same work";
        boolean met = running / phys >= 0.15 && running / same >= 0.6;
        figures.add(new Figure("Ingest, consumers running (POST /referrals, closed loop)", fmt(running, "/s"), ceilings,
                ratio(running / phys) + " / " + ratio(running / same), "≥ 0.15 / ≥ 0.60", met));
        figures.add(new Figure("Ingest, consumers stopped", fmt(paused, "/s"), ceilings,
                ratio(paused / phys) + " / " + ratio(paused / same), "", null));
        details.add(String.format(Locale.ROOT, "Ingest, closed loop: consumers running p50 %s / p99 %s (%d answers other than 201);"
                        + " consumers stopped p50 %s / p99 %s (%d); physical ceiling commit p50 %s, same-work ceiling p50 %s per referral.",
                ms(runningLat.p50()), ms(runningLat.p99()), runningFailed, ms(pausedLat.p50()), ms(pausedLat.p99()), pausedFailed,
                ms(physical.get("p50")), ms(sameWork.get("p50"))));
        profile("ingest (referrals-service)", met, profile);
    }

    void endToEnd(double rate, int count, Latencies both, Latencies task, Latencies report, Latencies posted, int never,
                  int failed, Map<String, Double> kafka) {
        String l = "End to end, open loop at " + fmt(rate, "/s") + " (half the sustained ingest)";
        String k = ms(kafka.get("p50")) + " / " + ms(kafka.get("p99")) + " / " + ms(kafka.get("max")) + " Kafka";
        figures.add(new Figure(l + ": p50 / p99 / max", ms(both.p50()) + " / " + ms(both.p99()) + " / " + ms(both.max()), k,
                ratio(both.p50() / kafka.get("p50")) + " / " + ratio(both.p99() / kafka.get("p99")), "≤ 20 ms / ≤ 100 ms",
                both.p50() <= 20 && both.p99() <= 100));
        figures.add(new Figure(l + ": never arrived", never + " of " + count, String.format(Locale.ROOT, "%.0f lost by Kafka",
                kafka.get("lost")), "", "0",
                never == 0));
        figures.add(new Figure("Ingest p50 at half the sustained rate (POST, from its scheduled time)", ms(posted.p50()), "", "",
                "≤ 10 ms", posted.p50() <= 10));
        details.add(String.format(Locale.ROOT, "End to end: %d referrals scheduled; from the scheduled send to the thank-you task"
                        + " p50 %s / p99 %s, to the queued report p50 %s / p99 %s; the 201 p50 %s / p99 %s; %d POSTs failed."
                        + " Kafka ceiling at the same rate, paced sender with async sends: p50 %s, p99 %s, max %s.",
                count, ms(task.p50()), ms(task.p99()), ms(report.p50()), ms(report.p99()), ms(posted.p50()), ms(posted.p99()),
                failed, ms(kafka.get("p50")), ms(kafka.get("p99")), ms(kafka.get("max"))));
    }

    void drain(Drain.Outcome out, Map<String, Double> perEvent, Map<String, Double> perBatch) {
        boolean allMet = true;
        for (var e : out.rates().entrySet()) {
            String group = e.getKey();
            String service = group.substring(0, group.indexOf('.'));
            // A raw consumer per group, keyed by its consumer name; the targets are for the .referrals groups.
            boolean referrals = group.endsWith(".referrals");
            Double ev = perEvent.get(group);
            Double ba = perBatch.get(group);
            double rate = e.getValue();
            boolean targeted = service.equals("outreach-service") || service.equals("reports-service");
            boolean met = ev == null ? rate >= 1000 : rate >= ev && rate >= 1000;
            if (targeted && referrals) {
                allMet &= met;
            }
            figures.add(new Figure("Drain " + out.events() + " referrals: " + group, fmt(rate, " events/s"),
                    ev == null ? "" : fmt(ev, "/s") + " per event; " + fmt(ba, "/s") + " per batch",
                    ev == null ? "" : ratio(rate / ev) + " / " + ratio(rate / ba),
                    targeted && referrals ? "≥ 1.0 per event, ≥ 1,000/s" : "",
                    targeted && referrals ? met : null));
        }
        details.add(String.format(Locale.ROOT, "Drain: every group at lag 0 %s after the services were launched together (ready after %s).",
                fmt(out.allDrainedAfter(), " s"), seconds(out.readyAfter())));
        for (var e : out.profiles().entrySet()) {
            profile("drain (" + e.getKey() + ")", allMet, e.getValue());
        }
    }

    void growth(int size, Map<String, Long> rows, Drain.Outcome out, Map<String, Latencies> lists) {
        StringBuilder drains = new StringBuilder();
        out.rates().forEach((g, r) -> drains.append(drains.length() == 0 ? "" : "; ").append(g).append(' ').append(fmt(r, "/s")));
        StringBuilder l = new StringBuilder();
        for (var e : lists.entrySet()) {
            l.append(l.length() == 0 ? "" : "; ").append(e.getKey()).append(' ').append(ms(e.getValue().p50()));
            listP50BySize.computeIfAbsent(e.getKey(), k -> new double[]{Double.NaN, Double.NaN, Double.NaN});
            double[] pts = listP50BySize.get(e.getKey());
            if (Double.isNaN(pts[0])) {
                pts[0] = e.getValue().p50();
            }
            pts[1] = e.getValue().p50();
            pts[2] = size;
        }
        StringBuilder seeded = new StringBuilder();
        rows.forEach((t, n) -> seeded.append(seeded.length() == 0 ? "" : "; ").append(t).append(' ').append(n));
        growthRows.add(new String[]{String.format(Locale.ROOT, "%,d", size), seeded.toString(), drains.toString(), l.toString()});
    }

    /** "outreach-service.referrals 17.5 s; …" */
    private static String seconds(Map<String, Double> bySomething) {
        StringBuilder b = new StringBuilder();
        bySomething.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(' ')
                .append(v == null ? "—" : fmt(v, " s")));
        return b.toString();
    }

    /** outreach-service's profile over its lists at the largest size. */
    void listProfile(int size, boolean met, List<String> frames) {
        profile(String.format(Locale.ROOT, "lists at %,d rows (outreach-service)", size), met, frames);
    }

    private void profile(String phase, boolean met, List<String> frames) {
        if (!frames.isEmpty() && (profileWhen == BenchOptions.Profile.ALL || !met)) {
            profiles.put(phase + (met ? "" : ", target missed"), frames);
        }
    }

    private List<Figure> allFigures() {
        List<Figure> all = new ArrayList<>(figures);
        for (var e : listP50BySize.entrySet()) {
            double[] p = e.getValue();
            all.add(new Figure(String.format(Locale.ROOT, "List p50 at %,.0f rows: %s", p[2], e.getKey()), ms(p[1]), "",
                    ratio(p[1] / p[0]) + " of the smallest size", "≤ 20 ms, flat", p[1] <= 20 && p[1] / p[0] <= 1.5));
        }
        for (RapportService s : RapportService.values()) {
            double st = start.getOrDefault(s, Double.NaN);
            all.add(new Figure("Start (launch → ready, with its archive): " + s.moduleName(), fmt(st, " s"), "", "", "≤ 3.0 s",
                    st <= 3.0));
        }
        for (RapportService s : RapportService.values()) {
            double idle = rssIdle.getOrDefault(s, Double.NaN);
            double load = rssLoad.containsKey(s) && rssLoad.get(s).total() > 0 ? rssLoad.get(s).total() : Double.NaN;
            all.add(new Figure("RSS idle / under load (max): " + s.moduleName(), fmt(idle, " MiB") + " / " + fmt(load, " MiB"), "",
                    "", "≤ 250 / ≤ 300 MiB", idle <= 250 && load <= 300));
        }
        return all;
    }

    String consoleTable() {
        StringBuilder b = new StringBuilder();
        String f = "%-78s %-28s %-40s %-22s %-26s %s%n";
        b.append(String.format(Locale.ROOT, f, "figure", "value", "ceilings", "ratio", "target", "met"));
        for (Figure x : allFigures()) {
            b.append(String.format(Locale.ROOT, f, x.what(), x.value(), x.ceilings(), x.ratio(), x.target(),
                    x.met() == null ? "" : x.met() ? "yes" : "NO"));
        }
        for (var e : profiles.entrySet()) {
            b.append("\nprofile, ").append(e.getKey()).append(":\n");
            e.getValue().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append("\n\n## The last complete run\n\n");
        b.append("`deploy/local/bench ").append(flags).append("` — ").append(fmt(elapsed / 60, " min")).append(" in all.\n\n");
        b.append("| machine | |\n|---|---|\n").append(machine).append('\n');
        b.append("### Figures beside their ceilings and targets\n\n");
        b.append("| figure | value | ceilings (same run, services' JVM flags) | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Figure f : allFigures()) {
            b.append("| ").append(f.what()).append(" | ").append(f.value()).append(" | ").append(f.ceilings()).append(" | ")
                    .append(f.ratio()).append(" | ").append(f.target()).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        b.append('\n');
        for (String d : details) {
            b.append("- ").append(d).append('\n');
        }
        if (!growthRows.isEmpty()) {
            b.append("\n### Growth, measured (one clinic, one referring partner)\n\n");
            b.append("| rows | seeded rows per table | drain rate per group | list p50 |\n|---|---|---|---|\n");
            for (String[] r : growthRows) {
                b.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
        }
        for (var e : profiles.entrySet()) {
            b.append("\n### Profile: ").append(e.getKey()).append(" (JFR, jdk.ExecutionSample)\n\n```\n");
            e.getValue().forEach(l -> b.append(l).append('\n'));
            b.append("```\n");
        }
        b.append('\n').append(END).append('\n');
        return b.toString();
    }

    /** Replaces the part between the markers (or appends it), keeping everything else in the file. */
    static void writeInto(Path file, String section) throws IOException {
        String old = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        int i = old.indexOf(BEGIN);
        int j = old.indexOf(END);
        String updated;
        if (i >= 0 && j > i) {
            updated = old.substring(0, i) + section.stripTrailing() + old.substring(j + END.length());
        } else {
            updated = old.stripTrailing() + "\n\n" + section;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    static String fmt(double v, String unit) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : "%.1f%s", v, unit);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "—" : String.format(Locale.ROOT, "%.2f", r);
    }
}
