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
 * {@code deploy/local/run}: starts MariaDB, Kafka, the identity provider (Keycloak with the demo
 * realm), the development mail server (GreenMail), the four services and the console, prints
 * where they are, the demo sign-ins and a development token, then waits. Ctrl-C or SIGTERM stops
 * every child process.
 */
public final class LocalRuntimeMain {

    static final String USAGE = """
            Usage: deploy/local/run [options]
              --infra-only            start MariaDB, Kafka, Keycloak and GreenMail only (no jars of ours needed)
              --services a,b          start only these services (contacts,referrals,outreach,reports)
              --no-console            do not start the console
              --no-keycloak           do not start Keycloak (nor the console, which signs in there);
                                      the services then accept only the HS256 development tokens
              --no-mail               do not start GreenMail (outreach and reports then have no SMTP server)
              --data-dir DIR          data directory (default deploy/local/data, or $RAPPORT_DATA_DIR)
              --db-port N             MariaDB port (default 3306)
              --kafka-port N          Kafka port (default 9092)
              --controller-port N     Kafka controller port (default 9093)
              --port-base N           first service port (default 8081; then +1, +2, +3)
              --console-port N        console port (default 8080)
              --keycloak-port N       Keycloak port (default 8180)
              --smtp-port N           GreenMail SMTP port (default 3025)
              --imap-port N           GreenMail IMAP port (default 3143)
              --mail-api-port N       GreenMail REST API port (default 8025)
              --rebuild               (deploy/local/run) rebuild the jars before starting
              --help                  this text
            Environment: RAPPORT_JWT_SECRET, RAPPORT_CONSOLE_SESSION_SECRET (defaults: development-only
              secrets), RAPPORT_DATA_DIR, RAPPORT_SERVICE_JVM_OPTS (default "%s"),
              RAPPORT_CLASS_DATA_SHARING=off (no AppCDS archives).
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

    /** What to start, from the command line. */
    static final class Plan {
        final LocalPlatformOptions options = new LocalPlatformOptions();
        Set<RapportService> services = EnumSet.allOf(RapportService.class);
        boolean identityProvider = true;
        boolean mailServer = true;
        boolean console = true;
        boolean help;
    }

    static Plan plan(String[] args) {
        Plan plan = new Plan();
        LocalPlatformOptions options = plan.options;
        Path repoRoot = Path.of(System.getProperty("rapport.repo.root", ".")).toAbsolutePath().normalize();
        options.repoRoot(repoRoot);
        String envData = System.getenv("RAPPORT_DATA_DIR");
        options.dataDir(envData != null && !envData.isBlank() ? Path.of(envData) : repoRoot.resolve("deploy/local/data"));
        String jvmOpts = System.getenv("RAPPORT_SERVICE_JVM_OPTS");
        if (jvmOpts != null && !jvmOpts.isBlank()) {
            options.serviceJvmOptions(Arrays.asList(jvmOpts.trim().split("\\s+")));
            options.consoleJvmOptions(Arrays.asList(jvmOpts.trim().split("\\s+")));
        }
        if ("off".equalsIgnoreCase(System.getenv("RAPPORT_CLASS_DATA_SHARING"))) {
            options.classDataSharing(false);
        }
        boolean infraOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--infra-only" -> infraOnly = true;
                case "--rebuild" -> { /* handled by the shell script */ }
                case "--services" -> {
                    plan.services = EnumSet.noneOf(RapportService.class);
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            plan.services.add(RapportService.of(s));
                        }
                    }
                }
                case "--no-console" -> plan.console = false;
                case "--no-keycloak", "--no-identity-provider" -> plan.identityProvider = false;
                case "--no-mail" -> plan.mailServer = false;
                case "--data-dir" -> options.dataDir(Path.of(value(args, ++i, a)));
                case "--db-port" -> options.dbPort(port(value(args, ++i, a)));
                case "--kafka-port" -> options.kafkaPort(port(value(args, ++i, a)));
                case "--controller-port" -> options.controllerPort(port(value(args, ++i, a)));
                case "--port-base" -> options.servicePortBase(port(value(args, ++i, a)));
                case "--console-port" -> options.consolePort(port(value(args, ++i, a)));
                case "--keycloak-port" -> options.keycloakPort(port(value(args, ++i, a)));
                case "--smtp-port" -> options.smtpPort(port(value(args, ++i, a)));
                case "--imap-port" -> options.imapPort(port(value(args, ++i, a)));
                case "--mail-api-port" -> options.mailApiPort(port(value(args, ++i, a)));
                case "-h", "--help" -> plan.help = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (infraOnly) {
            plan.services = EnumSet.noneOf(RapportService.class);
            plan.console = false;
        }
        // The console signs people in at the provider; without it there is nothing to sign in to.
        plan.console &= plan.identityProvider;
        return plan;
    }

    private static int run(String[] args) {
        Plan plan = plan(args);
        if (plan.help) {
            System.out.print(usage());
            return 0;
        }
        LocalPlatformOptions options = plan.options;
        Set<RapportService> selected = plan.services;
        List<String> missing = new ArrayList<>();
        for (RapportService s : selected) {
            if (!Files.isRegularFile(options.serviceJar(s))) {
                missing.add(s.moduleName() + ": " + options.serviceJar(s));
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("error: service jar(s) missing:\n  " + String.join("\n  ", missing)
                    + "\nBuild them with deploy/local/run --rebuild (or ./mvnw -DskipTests package),"
                    + " or start the infrastructure only with --infra-only.");
            return 3;
        }
        String consoleMissing = null;
        boolean startConsole = plan.console;
        if (startConsole && !Files.isRegularFile(options.consoleJar())) {
            consoleMissing = "not started: no jar at " + options.repoRoot().relativize(options.consoleJar().toAbsolutePath())
                    + (Files.isRegularFile(options.repoRoot().resolve("console/pom.xml"))
                    ? " (build it: deploy/local/run --rebuild, or ./mvnw -DskipTests package -pl console -am)"
                    : " (this checkout has no console module yet)");
            System.out.println("[local-runtime] console " + consoleMissing);
            startConsole = false;
        }

        LocalPlatform platform = new LocalPlatform(options);
        Set<String> reportedDead = new HashSet<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\n[local-runtime] stopping the console, services, Keycloak, GreenMail, Kafka and MariaDB ...");
            platform.close();
            System.out.println("[local-runtime] stopped.");
        }, "rapport-local-runtime-main-shutdown"));
        long t0;
        try {
            System.out.println("[local-runtime] data directory " + platform.dataDir());
            if (plan.identityProvider && !platform.isIdentityProviderPrepared()) {
                // A build step, once per data directory: not counted in the start time below.
                long tp = System.nanoTime();
                System.out.println("[local-runtime] preparing Keycloak " + DevServers.KEYCLOAK_VERSION
                        + " (first run only: unpack and kc.sh build, 20-50 s) ...");
                platform.prepareIdentityProvider();
                System.out.printf(Locale.ROOT, "[local-runtime] Keycloak prepared (%.1f s)%n", seconds(tp));
            }
            t0 = System.nanoTime();
            if (plan.identityProvider) {
                System.out.println("[local-runtime] starting Keycloak on port " + options.keycloakPort() + " ...");
                platform.startIdentityProvider();
            }
            if (plan.mailServer) {
                System.out.println("[local-runtime] starting GreenMail (SMTP " + options.smtpPort() + ", IMAP "
                        + options.imapPort() + ", API " + options.mailApiPort() + ") ...");
                platform.startMailServer();
            }
            System.out.println("[local-runtime] starting MariaDB on port " + options.dbPort()
                    + " and Kafka on port " + options.kafkaPort() + " ...");
            CompletableFuture<Void> db = CompletableFuture.runAsync(platform::startDatabase);
            platform.startBroker();
            System.out.printf(Locale.ROOT, "[local-runtime] Kafka ready (%.1f s)%n", seconds(t0));
            db.join();
            platform.awaitDatabaseReady(Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "[local-runtime] MariaDB ready (%.1f s)%n", seconds(t0));
            if (!selected.isEmpty() && options.classDataSharing()) {
                // A build step, once per build of a jar: not counted in the start time either.
                long tc = System.nanoTime();
                platform.prepareClassDataArchives(selected);
                t0 += System.nanoTime() - tc;
            }
            if (!selected.isEmpty()) {
                System.out.println("[local-runtime] starting " + selected.size() + " service(s) ...");
                for (RapportService s : selected) {
                    platform.startService(s);
                }
            }
            if (plan.identityProvider) {
                platform.awaitIdentityProvider(Duration.ofMinutes(3));
                System.out.printf(Locale.ROOT, "[local-runtime] Keycloak ready (%.1f s)%n", seconds(t0));
            }
            if (startConsole) {
                // The console reads the provider's discovery document when it starts.
                System.out.println("[local-runtime] starting the console on port " + options.consolePort() + " ...");
                platform.startConsole();
            }
            platform.awaitHealthy(Duration.ofMinutes(4));
            if (!selected.isEmpty() || startConsole) {
                System.out.printf(Locale.ROOT, "[local-runtime] %s ready (%.1f s after launch)%n",
                        startConsole ? "services and console" : "services", seconds(t0));
            }
        } catch (RuntimeException e) {
            System.err.println("[local-runtime] start failed: " + (e.getCause() instanceof RuntimeException c ? c.getMessage() : e.getMessage()));
            return 1;
        }

        System.out.print(summary(platform, plan, startConsole, consoleMissing, seconds(t0)));
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
            reportIfDead(stopping, reportedDead, "kafka", platform.isBrokerRunning(), platform);
            if (plan.identityProvider) {
                reportIfDead(stopping, reportedDead, "keycloak", platform.isIdentityProviderRunning(), platform);
            }
            if (plan.mailServer) {
                reportIfDead(stopping, reportedDead, "greenmail", platform.isMailServerRunning(), platform);
            }
            if (startConsole) {
                reportIfDead(stopping, reportedDead, "console", platform.isConsoleRunning(), platform);
            }
        }
    }

    private static void reportIfDead(AtomicBoolean stopping, Set<String> reported, String name, boolean running,
                                     LocalPlatform platform) {
        if (!running && !stopping.get() && reported.add(name)) {
            System.err.println("[local-runtime] " + name + " is no longer running; see " + platform.logFile(name));
        }
    }

    /** What deploy/local/run prints once everything is up. */
    static String summary(LocalPlatform platform, Plan plan, boolean consoleStarted, String consoleMissing, double seconds) {
        LocalPlatformOptions options = platform.options();
        String token = platform.mintToken("dev", "demo-clinic", List.of("staff", "clinician"), Duration.ofHours(8));
        StringBuilder out = new StringBuilder();
        out.append("\nRapport local runtime is up (").append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s)\n");
        if (consoleStarted) {
            out.append("  console         ").append(platform.consoleUrl()).append("   sign in with a demo user below\n");
            if (plan.mailServer) {
                out.append("  inbox           ").append(platform.consoleUrl())
                        .append("/dev/inbox   the e-mail outreach and reports sent (GreenMail)\n");
            }
        } else if (consoleMissing != null) {
            out.append("  console         ").append(consoleMissing).append('\n');
        } else if (!plan.services.isEmpty()) {
            out.append("  console         not started (").append(plan.identityProvider ? "--no-console" : "--no-keycloak").append(")\n");
        }
        if (plan.identityProvider) {
            out.append("  Keycloak        ").append(platform.identityProviderUrl()).append("   issuer ")
                    .append(platform.oidcIssuer()).append("; admin console ").append(platform.identityProviderUrl())
                    .append("/admin (").append(IdentityProvider.DEV_ADMIN_USER).append(" / ")
                    .append(IdentityProvider.DEV_ADMIN_PASSWORD).append(")\n");
        }
        if (plan.mailServer) {
            out.append("  GreenMail       SMTP 127.0.0.1:").append(options.smtpPort()).append(", IMAP 127.0.0.1:")
                    .append(options.imapPort()).append(" (no authentication), API ").append(platform.mailApiUrl())
                    .append("/api/user\n");
        }
        out.append("  data directory  ").append(platform.dataDir()).append('\n');
        out.append("  logs            ").append(platform.dataDir().resolve("logs")).append('\n');
        out.append("  MariaDB         jdbc:mysql://127.0.0.1:").append(options.dbPort())
                .append("/<contacts|referrals|outreach|reports>  (user = password = database name)\n");
        out.append("  Kafka           ").append(platform.kafkaBootstrap()).append('\n');
        for (RapportService s : plan.services) {
            out.append(String.format(Locale.ROOT, "  %-17s %s   (API docs %s/swagger-ui)%n", s.moduleName(),
                    platform.serviceUrl(s), platform.serviceUrl(s)));
        }
        if (plan.services.isEmpty()) {
            out.append("  services        not started (--infra-only)\n");
        }
        if (plan.identityProvider) {
            out.append("\nDemo sign-ins (").append(consoleStarted ? "console and Keycloak" : "Keycloak")
                    .append("; the password is the user name):\n")
                    .append(DemoRealm.table(DemoRealm.users(options.realmFile())));
        }
        out.append("\nDevelopment token (clinic demo-clinic, roles staff,clinician, 8 h):\n")
                .append(token).append('\n')
                .append("  e.g. curl -H \"Authorization: Bearer $TOKEN\" ")
                .append(platform.serviceUrl(RapportService.REFERRALS)).append("/api/v1/referrals\n")
                .append("  more: deploy/local/token --clinic <id> --roles staff,clinician\n")
                .append("\nPress Ctrl-C to stop everything.\n");
        return out.toString();
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
