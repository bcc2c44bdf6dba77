package app.rapport.bench;

import java.nio.file.Path;

/** Flags of {@code deploy/local/bench}; sizes are flags so that a longer run is one command away. */
final class BenchOptions {

    static final String USAGE = """
            Usage: deploy/local/bench [options]
              --clients N            concurrent HTTP clients and JDBC threads for ingest (16)
              --ingest-seconds S     measured ingest window, after a 3 s warm-up (20)
              --ceiling-seconds S    JDBC INSERT+COMMIT ceiling window (10)
              --e2e-seconds S        each end-to-end window (15)
              --e2e-rate R           offered end-to-end rate in referrals/s (default: half the ingest ceiling)
              --scale-backlog N      first backlog, all in one clinic (2000; 0 skips it)
              --backlog N            second backlog: half in the same clinic, half over --clinics clinics (10000; 0 skips it)
              --clinics N            clinics the second backlog is spread over (100)
              --ceiling-events N     events each raw drain consumer applies (5000; the rate is what is compared)
              --drain-timeout S      give up a drain after S seconds (420)
              --data-dir DIR         scratch data directory, wiped first (bench/target/bench-data)
              --out FILE             results document (docs/benchmarks.md; "-" prints only)
            """;

    int clients = 16;
    int ingestSeconds = 20;
    int ceilingSeconds = 10;
    int e2eSeconds = 15;
    double e2eRate = -1;
    int scaleBacklog = 2_000;
    int backlog = 10_000;
    int clinics = 100;
    int ceilingEvents = 5_000;
    int drainTimeoutSeconds = 420;
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
                case "--scale-backlog" -> o.scaleBacklog = atLeastZero(a, value(args, ++i, a));
                case "--backlog" -> o.backlog = atLeastZero(a, value(args, ++i, a));
                case "--clinics" -> o.clinics = positive(a, value(args, ++i, a));
                case "--ceiling-events" -> o.ceilingEvents = positive(a, value(args, ++i, a));
                case "--drain-timeout" -> o.drainTimeoutSeconds = positive(a, value(args, ++i, a));
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, a));
                case "--out" -> o.out = value(args, ++i, a);
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
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
