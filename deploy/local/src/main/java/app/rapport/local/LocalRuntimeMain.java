package app.rapport.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code deploy/local/run}: starts MariaDB, Kafka and the four services, prints where they are
 * and a development token, then waits. Ctrl-C or SIGTERM stops every child process.
 */
public final class LocalRuntimeMain {

    static final String USAGE = """
            Usage: deploy/local/run [options]
              --infra-only            start MariaDB and Kafka only (no service jars needed)
              --services a,b          start only these services (contacts,referrals,outreach,reports)
              --data-dir DIR          data directory (default deploy/local/data, or $RAPPORT_DATA_DIR)
              --db-port N             MariaDB port (default 3306)
              --kafka-port N          Kafka port (default 9092)
              --controller-port N     Kafka controller port (default 9093)
              --port-base N           first service port (default 8081; then +1, +2, +3)
              --rebuild               (deploy/local/run) rebuild the jars before starting
              --help                  this text
            Environment: RAPPORT_JWT_SECRET (default: a development-only secret),
              RAPPORT_DATA_DIR, RAPPORT_SERVICE_JVM_OPTS (default "%s").
            """;

    private LocalRuntimeMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage());
            code = 2;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static String usage() {
        return USAGE.formatted(String.join(" ", LocalPlatformOptions.DEFAULT_SERVICE_JVM_OPTIONS));
    }

    private static int run(String[] args) {
        LocalPlatformOptions options = new LocalPlatformOptions();
        Path repoRoot = Path.of(System.getProperty("rapport.repo.root", ".")).toAbsolutePath().normalize();
        options.repoRoot(repoRoot);
        String envData = System.getenv("RAPPORT_DATA_DIR");
        options.dataDir(envData != null && !envData.isBlank() ? Path.of(envData) : repoRoot.resolve("deploy/local/data"));
        String jvmOpts = System.getenv("RAPPORT_SERVICE_JVM_OPTS");
        if (jvmOpts != null && !jvmOpts.isBlank()) {
            options.serviceJvmOptions(Arrays.asList(jvmOpts.trim().split("\\s+")));
        }
        boolean infraOnly = false;
        Set<RapportService> selected = EnumSet.allOf(RapportService.class);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--infra-only" -> infraOnly = true;
                case "--rebuild" -> { /* handled by the shell script */ }
                case "--services" -> {
                    selected = EnumSet.noneOf(RapportService.class);
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            selected.add(RapportService.of(s));
                        }
                    }
                }
                case "--data-dir" -> options.dataDir(Path.of(value(args, ++i, a)));
                case "--db-port" -> options.dbPort(port(value(args, ++i, a)));
                case "--kafka-port" -> options.kafkaPort(port(value(args, ++i, a)));
                case "--controller-port" -> options.controllerPort(port(value(args, ++i, a)));
                case "--port-base" -> options.servicePortBase(port(value(args, ++i, a)));
                case "-h", "--help" -> {
                    System.out.print(usage());
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (infraOnly) {
            selected = EnumSet.noneOf(RapportService.class);
        }
        List<String> missing = new ArrayList<>();
        for (RapportService s : selected) {
            if (!Files.isRegularFile(options.serviceJar(s))) {
                missing.add(s.moduleName() + ": " + options.serviceJar(s));
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("error: service jar(s) missing:\n  " + String.join("\n  ", missing)
                    + "\nBuild them with deploy/local/run --rebuild (or ./mvnw -DskipTests package),"
                    + " or start the database and broker only with --infra-only.");
            return 3;
        }

        long t0 = System.nanoTime();
        LocalPlatform platform = new LocalPlatform(options);
        Set<String> reportedDead = new HashSet<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\n[local-runtime] stopping services, Kafka and MariaDB ...");
            platform.close();
            System.out.println("[local-runtime] stopped.");
        }, "rapport-local-runtime-main-shutdown"));
        try {
            System.out.println("[local-runtime] data directory " + platform.dataDir());
            System.out.println("[local-runtime] starting MariaDB on port " + options.dbPort()
                    + " and Kafka on port " + options.kafkaPort() + " ...");
            CompletableFuture<Void> db = CompletableFuture.runAsync(platform::startDatabase);
            platform.startBroker();
            System.out.printf(Locale.ROOT, "[local-runtime] Kafka ready (%.1f s)%n", seconds(t0));
            db.join();
            platform.awaitHealthy(Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "[local-runtime] MariaDB ready (%.1f s)%n", seconds(t0));
            if (!selected.isEmpty()) {
                long ts = System.nanoTime();
                System.out.println("[local-runtime] starting " + selected.size() + " service(s) ...");
                for (RapportService s : selected) {
                    platform.startService(s);
                }
                platform.awaitHealthy(Duration.ofMinutes(4));
                System.out.printf(Locale.ROOT, "[local-runtime] services ready (%.1f s after launch)%n", seconds(ts));
            }
        } catch (RuntimeException e) {
            System.err.println("[local-runtime] start failed: " + (e.getCause() instanceof RuntimeException c ? c.getMessage() : e.getMessage()));
            return 1;
        }

        String token = platform.mintToken("dev", "demo-clinic", List.of("staff", "clinician"), Duration.ofHours(8));
        StringBuilder out = new StringBuilder();
        out.append("\nRapport local runtime is up (").append(String.format(Locale.ROOT, "%.1f", seconds(t0))).append(" s)\n");
        out.append("  data directory  ").append(platform.dataDir()).append('\n');
        out.append("  logs            ").append(platform.dataDir().resolve("logs")).append('\n');
        out.append("  MariaDB         jdbc:mysql://127.0.0.1:").append(options.dbPort())
                .append("/<contacts|referrals|outreach|reports>  (user = password = database name)\n");
        out.append("  Kafka           ").append(platform.kafkaBootstrap()).append('\n');
        for (RapportService s : selected) {
            out.append(String.format(Locale.ROOT, "  %-17s %s   (API docs %s/swagger-ui)%n", s.moduleName(),
                    platform.serviceUrl(s), platform.serviceUrl(s)));
        }
        if (selected.isEmpty()) {
            out.append("  services        not started (--infra-only)\n");
        }
        out.append("\nDevelopment token (clinic demo-clinic, roles staff,clinician, 8 h):\n")
                .append(token).append('\n')
                .append("  e.g. curl -H \"Authorization: Bearer $TOKEN\" ")
                .append(platform.serviceUrl(RapportService.REFERRALS)).append("/api/v1/referrals\n")
                .append("  more: deploy/local/token --clinic <id> --roles staff,clinician\n")
                .append("\nPress Ctrl-C to stop everything.\n");
        System.out.print(out);
        System.out.flush();

        while (true) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return 0;
            }
            if (stopping.get()) {
                continue;
            }
            for (RapportService s : selected) {
                if (!platform.isServiceRunning(s) && !stopping.get() && reportedDead.add(s.moduleName())) {
                    System.err.println("[local-runtime] " + s.moduleName() + " is no longer running; see "
                            + platform.logFile(s));
                }
            }
            if (!platform.isBrokerRunning() && !stopping.get() && reportedDead.add("kafka")) {
                System.err.println("[local-runtime] Kafka is no longer running; see "
                        + platform.dataDir().resolve("logs/kafka.log"));
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + s);
        }
    }
}
