package app.rapport.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Flags of {@code deploy/local/bench}; sizes are flags so that a longer run is one command away. */
final class BenchOptions {

    static final String USAGE = """
            Usage: deploy/local/bench [options]
              --clients N            HTTP clients for ingest, and threads of both ingest ceilings (16)
              --ingest-seconds S     each measured ingest window, after a 3 s warm-up (15)
              --ceiling-seconds S    each ingest ceiling's window, after 1 s of warm-up (8)
              --e2e-seconds S        end-to-end window (20)
              --e2e-rate R           end-to-end rate in referrals/s (default: half the measured sustained ingest)
              --e2e-wait S           how long the last referral may take to arrive before it counts as lost (60)
              --backlog N            main drain: N received referrals, half in one clinic, half over --clinics (4000; 0 skips it)
              --clinics N            clinics the main backlog's other half is spread over (20)
              --ceiling-events N     events each raw drain consumer applies (2000; the rate is what is compared)
              --growth N[,N...]      rows of one clinic and one partner's history to measure lists and drain at
                                     (10k,100k; --growth 1M for the million-row run; 0 skips it)
              --growth-drain N       events drained at each growth size (1000)
              --drain-timeout S      give up a drain after S seconds (300)
              --profile WHEN         JFR on the service under test during ingest and drain: miss (print the top
                                     frames of phases that miss their target), all, off (miss)
              --data-dir DIR         scratch data directory, wiped first (bench/target/bench-data)
              --out FILE             results document (docs/benchmarks.md; "-" prints only)
            """;

    enum Profile { MISS, ALL, OFF }

    int clients = 16;
    int ingestSeconds = 15;
    int ceilingSeconds = 8;
    int e2eSeconds = 20;
    double e2eRate = -1;
    int e2eWaitSeconds = 60;
    int backlog = 4_000;
    int clinics = 20;
    int ceilingEvents = 2_000;
    List<Integer> growth = List.of(10_000, 100_000);
    int growthDrain = 1_000;
    int drainTimeoutSeconds = 300;
    Profile profile = Profile.MISS;
    Path dataDir = Path.of("bench", "target", "bench-data");
    String out = "docs/benchmarks.md";

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--clients" -> o.clients = positive(a, value(args, ++i, a));
                case "--ingest-seconds" -> o.ingestSeconds = positive(a, value(args, ++i, a));
                case "--ceiling-seconds" -> o.ceilingSeconds = positive(a, value(args, ++i, a));
                case "--e2e-seconds" -> o.e2eSeconds = positive(a, value(args, ++i, a));
                case "--e2e-rate" -> o.e2eRate = Double.parseDouble(value(args, ++i, a));
                case "--e2e-wait" -> o.e2eWaitSeconds = positive(a, value(args, ++i, a));
                case "--backlog" -> o.backlog = atLeastZero(a, value(args, ++i, a));
                case "--clinics" -> o.clinics = positive(a, value(args, ++i, a));
                case "--ceiling-events" -> o.ceilingEvents = positive(a, value(args, ++i, a));
                case "--growth" -> o.growth = sizes(a, value(args, ++i, a));
                case "--growth-drain" -> o.growthDrain = positive(a, value(args, ++i, a));
                case "--drain-timeout" -> o.drainTimeoutSeconds = positive(a, value(args, ++i, a));
                case "--profile" -> o.profile = profile(value(args, ++i, a));
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, a));
                case "--out" -> o.out = value(args, ++i, a);
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    /** The flags of this run, as they would be typed. */
    String flags() {
        StringBuilder g = new StringBuilder();
        for (int n : growth) {
            g.append(g.length() == 0 ? "" : ",").append(n);
        }
        return String.format(Locale.ROOT, "--clients %d --ingest-seconds %d --ceiling-seconds %d --e2e-seconds %d%s --backlog %d"
                        + " --clinics %d --ceiling-events %d --growth %s --growth-drain %d --profile %s",
                clients, ingestSeconds, ceilingSeconds, e2eSeconds, e2eRate > 0 ? " --e2e-rate " + e2eRate : "", backlog,
                clinics, ceilingEvents, growth.isEmpty() ? "0" : g, growthDrain, profile.name().toLowerCase(Locale.ROOT));
    }

    private static Profile profile(String v) {
        try {
            return Profile.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile: miss, all or off, not " + v);
        }
    }

    private static List<Integer> sizes(String option, String v) {
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            int n = atLeastZero(option, part.trim());
            if (n > 0) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String v) {
        int n = atLeastZero(option, v);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }

    private static int atLeastZero(String option, String v) {
        try {
            int n = Integer.parseInt(v.replace("_", "").replace("k", "000").replace("M", "000000"));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a count: " + v);
        }
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
