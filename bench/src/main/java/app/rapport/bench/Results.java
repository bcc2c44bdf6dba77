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
 * The figures of one run: each beside its ceiling or target and the ratio, printed on the
 * console and written into docs/benchmarks.md between two markers (the hand-written analysis
 * around them stays).
 */
final class Results {

    static final String BEGIN = "<!-- bench:begin (written by deploy/local/bench; edit outside these markers) -->";
    static final String END = "<!-- bench:end -->";

    /** One line of the headline table. */
    record Figure(String what, String value, String ceiling, String ratio, String target, Boolean met) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<String[]> backlogs = new ArrayList<>();
    private final List<String[]> queries = new ArrayList<>();
    private final Map<String, Map<String, double[]>> queryPoints = new LinkedHashMap<>();
    private final Map<String, Double> drainRates = new LinkedHashMap<>();
    private final Map<RapportService, Double> start = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Double> rssIdle = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Double> rssLoad = new EnumMap<>(RapportService.class);
    private final List<String> startUnderBacklog = new ArrayList<>();
    private String machine;
    private String flags;
    private double elapsed;
    private double ingestCeilingTps;

    void machine(int cores, String memory, String jdk, String os, String load, String commit, BenchOptions o) {
        machine = "| date | " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", "") + " |\n"
                + "| commit | `" + commit + "` |\n"
                + "| cores | " + cores + " |\n"
                + "| memory | " + memory + " |\n"
                + "| JDK | " + jdk + " |\n"
                + "| OS | " + os + " |\n"
                + "| load average at start (1, 5, 15 min) | " + load + " |\n"
                + "| service JVMs | `-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k` (LocalPlatformOptions defaults) |\n";
        flags = String.format(Locale.ROOT, "--clients %d --ingest-seconds %d --ceiling-seconds %d --e2e-seconds %d%s "
                        + "--scale-backlog %d --backlog %d --clinics %d --ceiling-events %d",
                o.clients, o.ingestSeconds, o.ceilingSeconds, o.e2eSeconds, o.e2eRate > 0 ? " --e2e-rate " + o.e2eRate : "",
                o.scaleBacklog, o.backlog, o.clinics, o.ceilingEvents);
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

    void rssLoad(RapportService s, double mib) {
        rssLoad.put(s, mib);
    }

    void startUnderBacklog(RapportService s, String label, double secs) {
        startUnderBacklog.add(String.format(Locale.ROOT, "%s %.2f s (%s backlog waiting)", s.moduleName(), secs, label));
    }

    void ingestCeiling(double tps, Latencies lat) {
        ingestCeilingTps = tps;
        details.add(String.format(Locale.ROOT, "Ingest ceiling: %.0f single-row INSERT + COMMIT per second over JDBC"
                + " (commit p50 %.2f ms, p99 %.2f ms).", tps, lat.p50(), lat.p99()));
    }

    void ingest(double tps, Latencies lat, long failed) {
        figures.add(new Figure("Ingest: POST /referrals, throughput", fmt(tps, "/s"), fmt(ingestCeilingTps, "/s"),
                ratio(tps / ingestCeilingTps), "≥ 0.60 × ceiling", tps / ingestCeilingTps >= 0.60));
        figures.add(new Figure("Ingest: POST /referrals, p50 / p99", ms(lat.p50()) + " / " + ms(lat.p99()), "", "", "", null));
        details.add(String.format(Locale.ROOT, "Ingest: %d referrals measured, %d answers other than 201.", lat.count(), failed));
    }

    void kafkaCeiling(Latencies lat) {
        details.add(String.format(Locale.ROOT, "Kafka ceiling: one record at a time, acks=all, 500/s: p50 %.2f ms, p99 %.2f ms.",
                lat.p50(), lat.p99()));
    }

    void endToEnd(String label, double offered, double achieved, Latencies task, Latencies report, Latencies both,
                  int missing, long failed, Latencies kafka, boolean primary, int verified) {
        String l = "End to end " + label + " (" + fmt(offered, "/s") + " offered, " + fmt(achieved, "/s") + " achieved)";
        figures.add(new Figure(l + ", p50", ms(both.p50()), ms(kafka.p50()), ratio(both.p50() / kafka.p50()), "≤ 50 ms",
                both.p50() <= 50));
        figures.add(new Figure(l + ", p99", ms(both.p99()), ms(kafka.p99()), ratio(both.p99() / kafka.p99()), "≤ 250 ms",
                both.p99() <= 250 && missing == 0));
        details.add(String.format(Locale.ROOT, "End to end %s: %d referrals; thank-you task p50 %s / p99 %s, report queued p50 %s"
                        + " / p99 %s, both p50 %s / p99 %s; %d without both within the wait, %d failed POSTs; %d of 10 sampled"
                        + " read back through GET /tasks/{id} and GET /reports?referralId=.",
                label, both.count() + missing, ms(task.p50()), ms(task.p99()), ms(report.p50()), ms(report.p99()), ms(both.p50()),
                ms(both.p99()), missing, failed, verified));
    }

    void backlog(String label, int events, double oneShare, int clinics, double produceSecs, Map<String, Double> healthy,
                 Map<String, Double> drained, Map<String, Double> ceilings) {
        for (String g : List.of(Bench.OUTREACH_GROUP, Bench.REPORTS_GROUP)) {
            Double d = drained.get(g);
            Double h = healthy.get(g);
            double rate = d == null || h == null ? Double.NaN : events / Math.max(0.001, d - h);
            drainRates.put(label + " " + g, rate);
            backlogs.add(new String[]{label, Integer.toString(events),
                    String.format(Locale.ROOT, "%.0f%% in %s, %.0f%% over %d clinics", oneShare * 100, Bench.ONE_CLINIC,
                            (1 - oneShare) * 100, clinics),
                    g, h == null ? "—" : fmt(h, " s"), d == null ? "not drained" : fmt(d, " s"), fmt(rate, "/s")});
            Double c = ceilings.get(g);
            if (c != null) {
                figures.add(new Figure("Drain " + events + " ReferralReceived: " + g.replace(".referrals", ""),
                        fmt(rate, " events/s") + " (" + (d == null ? "not drained" : fmt(d, " s")) + " from launch)",
                        fmt(c, " events/s"), ratio(rate / c), "≥ 0.50 × ceiling", rate / c >= 0.50));
            }
        }
        details.add(String.format(Locale.ROOT, "Backlog %s: %d events written to the topic in %.1f s.", label, events, produceSecs));
    }

    void query(String label, String clinic, String endpoint, long clinicRows, long allRows, Latencies lat) {
        queries.add(new String[]{label, clinic, endpoint, Long.toString(clinicRows), Long.toString(allRows), ms(lat.p50()), ms(lat.p99())});
        queryPoints.computeIfAbsent(clinic + " " + endpoint, k -> new LinkedHashMap<>())
                .put(label, new double[]{clinicRows, lat.p50()});
    }

    String consoleTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-95s %-34s %-14s %-8s %-18s %s%n", "figure", "value", "ceiling", "ratio", "target", "met"));
        for (Figure f : allFigures()) {
            b.append(String.format(Locale.ROOT, "%-95s %-34s %-14s %-8s %-18s %s%n", f.what(), f.value(), f.ceiling(), f.ratio(),
                    f.target(), f.met() == null ? "" : f.met() ? "yes" : "NO"));
        }
        return b.toString();
    }

    private List<Figure> allFigures() {
        List<Figure> all = new ArrayList<>(figures);
        for (RapportService s : RapportService.values()) {
            double st = start.getOrDefault(s, Double.NaN);
            all.add(new Figure("Start (launch → healthy): " + s.moduleName(), fmt(st, " s"), "", ratio(st / 3.0) + " of target",
                    "≤ 3 s", st <= 3.0));
        }
        for (RapportService s : RapportService.values()) {
            double idle = rssIdle.getOrDefault(s, Double.NaN);
            double load = rssLoad.getOrDefault(s, Double.NaN);
            all.add(new Figure("RSS idle / under load (max): " + s.moduleName(), fmt(idle, " MiB") + " / " + fmt(load, " MiB"), "",
                    ratio(Math.max(idle, load) / 300.0) + " of target", "≤ 300 MiB", Math.max(idle, load) <= 300));
        }
        return all;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append("\n\n## The last complete run\n\n");
        b.append("`deploy/local/bench ").append(flags).append("` — ").append(fmt(elapsed / 60, " min")).append(" in all.\n\n");
        b.append("| machine | |\n|---|---|\n").append(machine).append('\n');
        b.append("### Figures beside their ceilings\n\n");
        b.append("| figure | value | ceiling (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Figure f : allFigures()) {
            b.append("| ").append(f.what()).append(" | ").append(f.value()).append(" | ").append(f.ceiling()).append(" | ")
                    .append(f.ratio()).append(" | ").append(f.target()).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        b.append('\n');
        for (String d : details) {
            b.append("- ").append(d).append('\n');
        }
        if (!startUnderBacklog.isEmpty()) {
            b.append("- Start with a backlog waiting (both services launched together): ")
                    .append(String.join("; ", startUnderBacklog)).append(".\n");
        }
        b.append("\n### Backlog drains (both services started together after the events were written)\n\n");
        b.append("| backlog | events | clinics | consumer group | healthy after | lag 0 after | rate (events / (lag 0 − healthy)) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String[] r : backlogs) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        b.append("\n### List endpoints as rows grow (25 sequential GETs, first 5 discarded)\n\n");
        b.append("| after backlog | clinic | endpoint | rows of this clinic | rows in all clinics | p50 | p99 |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String[] r : queries) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        b.append("\n### Extrapolated to 1,000,000 referrals (not measured)\n\n");
        b.append(extrapolation());
        b.append('\n').append(END).append('\n');
        return b.toString();
    }

    /**
     * Drain: time for 1M at the larger backlog's measured rate (the rate did or did not hold
     * from the small backlog to the large one: both are shown). Queries: p50 grows with the
     * clinic's rows as rows^k, k fitted on the two measured points, carried to 1M rows.
     */
    private String extrapolation() {
        StringBuilder b = new StringBuilder();
        b.append("Straight-line and power-law projections from the two measured sizes, stated as such:\n\n");
        for (String g : List.of(Bench.OUTREACH_GROUP, Bench.REPORTS_GROUP)) {
            Double small = drainRates.get("scale " + g);
            Double big = drainRates.get("main " + g);
            if (big != null && !big.isNaN()) {
                b.append(String.format(Locale.ROOT, "- %s: drain rate %s at the small backlog, %s at the large one; a 1M backlog"
                                + " would take about %s at the large one's rate (%s).%n", g, small == null ? "—" : fmt(small, "/s"),
                        fmt(big, "/s"), fmt(1_000_000 / big / 60, " min"),
                        small == null || small.isNaN() ? "one point only" : big < small * 0.9
                                ? "the rate fell as the tables grew, so expect longer" : "the rate held as the tables grew"));
            }
        }
        for (var e : queryPoints.entrySet()) {
            double[] a = e.getValue().get("scale");
            double[] c = e.getValue().get("main");
            if (a == null || c == null || a[0] <= 0 || c[0] <= a[0] * 1.5 || !e.getKey().startsWith(Bench.ONE_CLINIC)) {
                continue;
            }
            double k = Math.log(Math.max(c[1], 0.01) / Math.max(a[1], 0.01)) / Math.log(c[0] / a[0]);
            if (k <= 0.05) {
                b.append(String.format(Locale.ROOT, "- %s: p50 %s at %.0f rows, %s at %.0f rows: no growth measurable"
                        + " (within the noise), so no projection.%n", e.getKey(), ms(a[1]), a[0], ms(c[1]), c[0]));
                continue;
            }
            double at1m = c[1] * Math.pow(1_000_000 / c[0], k);
            b.append(String.format(Locale.ROOT, "- %s: p50 %s at %.0f rows, %s at %.0f rows → grows as rows^%.2f → about %s at"
                    + " 1,000,000 rows in one clinic.%n", e.getKey(), ms(a[1]), a[0], ms(c[1]), c[0], k, ms(at1m)));
        }
        b.append("- With 100 clinics the same 1M rows are 10,000 per clinic: the list queries are clinic-scoped, so"
                + " their cost follows the clinic's rows (compare the bench-c000 lines above with the bench-one lines),"
                + " while drain time follows the total number of events.\n");
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
