package app.rapport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link LocalPlatform}: where its data lives, which ports it binds, the JWT
 * secret, where the service jars are and how their JVMs are started; the same for the identity
 * provider (Keycloak), the development mail server (GreenMail) and the console, which only start
 * when asked. A mutable builder; the platform takes a copy when it is created.
 */
public final class LocalPlatformOptions {

    public static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";
    public static final int DEFAULT_DB_PORT = 3306;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /**
     * The services' and the console's JVMs: long-running, so C2 (tiered, the JVM's default) for
     * their steady state; every region of memory capped so that RSS stays under 300 MiB under
     * load on a shared 2-core machine (ADR 0013 has the measurements): the heap, thread stacks,
     * the code cache C2 fills, class metadata and Netty's direct buffers. {@code -Xms32m}: the
     * heap starts small and grows under load (by default it starts at 1/64 of the machine's
     * memory, all of the heap cap here, and eden is touched to its end); at 64m referrals-service's
     * heap never grew past it under ingest, so its live data needs less, and a smaller young
     * generation is collected more often instead (ADR 0025). SerialGC: no GC threads to compete
     * with two cores' worth of request and consumer threads. {@code TrimNativeHeapInterval}: glibc
     * keeps what C2's compiler arenas and the request threads freed; trimmed every second it goes
     * back to the system (referrals-service's peak under ingest 326 → 270 MiB, ADR 0026).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xms32m", "-Xmx160m", "-Xss512k",
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m",
            "-XX:MaxDirectMemorySize=64m", "-XX:TrimNativeHeapInterval=1000");
    public static final List<String> DEFAULT_KAFKA_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    public static final int DEFAULT_KEYCLOAK_PORT = 8180;
    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_IMAP_PORT = 3143;
    public static final int DEFAULT_MAIL_API_PORT = 8025;
    public static final int DEFAULT_CONSOLE_PORT = 8080;
    /** Keycloak's heap ({@code JAVA_OPTS_KC_HEAP}): 96 MiB is its floor here, 64 MiB dies on the first token. */
    public static final List<String> DEFAULT_KEYCLOAK_HEAP_OPTIONS = List.of("-Xms64m", "-Xmx160m");
    /** GreenMail keeps a few test messages in memory. */
    public static final List<String> DEFAULT_MAIL_JVM_OPTIONS =
            List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private Path dataDir = Path.of("deploy", "local", "data");
    private Path repoRoot = Path.of(".");
    private String version = DEFAULT_VERSION;
    private int dbPort = DEFAULT_DB_PORT;
    private int kafkaPort = DEFAULT_KAFKA_PORT;
    private int controllerPort = DEFAULT_CONTROLLER_PORT;
    private final Map<RapportService, Integer> servicePorts = new EnumMap<>(RapportService.class);
    private final Map<RapportService, String> dbPasswords = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Path> serviceJars = new EnumMap<>(RapportService.class);
    private final Map<RapportService, Map<String, String>> serviceEnv = new EnumMap<>(RapportService.class);
    private final Map<String, String> commonServiceEnv = new LinkedHashMap<>();
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private String jwtSecret;
    private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
    private List<String> kafkaJvmOptions = DEFAULT_KAFKA_JVM_OPTIONS;
    private String kafkaClasspath;
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private int keycloakPort = DEFAULT_KEYCLOAK_PORT;
    private int smtpPort = DEFAULT_SMTP_PORT;
    private int imapPort = DEFAULT_IMAP_PORT;
    private int mailApiPort = DEFAULT_MAIL_API_PORT;
    private int consolePort = DEFAULT_CONSOLE_PORT;
    private Path realmFile;
    private Path consoleJar;
    private Path devServersDir;
    private Path mavenRepository;
    private List<String> keycloakHeapOptions = DEFAULT_KEYCLOAK_HEAP_OPTIONS;
    private List<String> mailJvmOptions = DEFAULT_MAIL_JVM_OPTIONS;
    private List<String> consoleJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
    private String consoleSessionSecret;
    private final Map<String, String> consoleEnv = new LinkedHashMap<>();
    private boolean classDataSharing = true;
    private Path classDataArchiveDir;

    public LocalPlatformOptions() {
        for (RapportService s : RapportService.values()) {
            servicePorts.put(s, s.defaultPort());
            // Local development only: each service's password equals its name.
            dbPasswords.put(s, s.database());
        }
        String envSecret = System.getenv("RAPPORT_JWT_SECRET");
        jwtSecret = envSecret == null || envSecret.isBlank() ? LocalPlatform.DEV_JWT_SECRET : envSecret;
        String envSession = System.getenv("RAPPORT_CONSOLE_SESSION_SECRET");
        consoleSessionSecret = envSession == null || envSession.isBlank()
                ? LocalPlatform.DEV_CONSOLE_SESSION_SECRET : envSession;
    }

    LocalPlatformOptions copy() {
        LocalPlatformOptions c = new LocalPlatformOptions();
        c.dataDir = dataDir;
        c.repoRoot = repoRoot;
        c.version = version;
        c.dbPort = dbPort;
        c.kafkaPort = kafkaPort;
        c.controllerPort = controllerPort;
        c.servicePorts.putAll(servicePorts);
        c.dbPasswords.putAll(dbPasswords);
        c.serviceJars.putAll(serviceJars);
        serviceEnv.forEach((k, v) -> c.serviceEnv.put(k, new LinkedHashMap<>(v)));
        c.commonServiceEnv.putAll(commonServiceEnv);
        c.kafkaProperties.putAll(kafkaProperties);
        c.jwtSecret = jwtSecret;
        c.serviceJvmOptions = List.copyOf(serviceJvmOptions);
        c.kafkaJvmOptions = List.copyOf(kafkaJvmOptions);
        c.kafkaClasspath = kafkaClasspath;
        c.javaExecutable = javaExecutable;
        c.keycloakPort = keycloakPort;
        c.smtpPort = smtpPort;
        c.imapPort = imapPort;
        c.mailApiPort = mailApiPort;
        c.consolePort = consolePort;
        c.realmFile = realmFile;
        c.consoleJar = consoleJar;
        c.devServersDir = devServersDir;
        c.mavenRepository = mavenRepository;
        c.keycloakHeapOptions = List.copyOf(keycloakHeapOptions);
        c.mailJvmOptions = List.copyOf(mailJvmOptions);
        c.consoleJvmOptions = List.copyOf(consoleJvmOptions);
        c.consoleSessionSecret = consoleSessionSecret;
        c.consoleEnv.putAll(consoleEnv);
        c.classDataSharing = classDataSharing;
        c.classDataArchiveDir = classDataArchiveDir;
        return c;
    }

    /** Root of everything the runtime writes: database files, broker log, service logs, plugin dirs. */
    public LocalPlatformOptions dataDir(Path dir) {
        this.dataDir = Objects.requireNonNull(dir);
        return this;
    }

    /** Repository root; service jars default to {@code <root>/<service>/target/<service>-<version>.jar}. */
    public LocalPlatformOptions repoRoot(Path root) {
        this.repoRoot = Objects.requireNonNull(root);
        return this;
    }

    public LocalPlatformOptions version(String v) {
        this.version = Objects.requireNonNull(v);
        return this;
    }

    public LocalPlatformOptions dbPort(int port) {
        this.dbPort = port;
        return this;
    }

    public LocalPlatformOptions kafkaPort(int port) {
        this.kafkaPort = port;
        return this;
    }

    public LocalPlatformOptions controllerPort(int port) {
        this.controllerPort = port;
        return this;
    }

    public LocalPlatformOptions servicePort(RapportService service, int port) {
        servicePorts.put(service, port);
        return this;
    }

    /** Services get {@code base}, {@code base+1}, … in the order contacts, referrals, outreach, reports. */
    public LocalPlatformOptions servicePortBase(int base) {
        for (RapportService s : RapportService.values()) {
            servicePorts.put(s, base + s.ordinal());
        }
        return this;
    }

    /**
     * Picks free loopback ports for the database, the broker, the controller, every service, the
     * identity provider, the mail server (SMTP, IMAP, REST API) and the console, so that a test
     * run does not collide with a developer's {@code deploy/local/run}.
     */
    public LocalPlatformOptions freePorts() {
        int services = RapportService.values().length;
        int[] ports = freeLoopbackPorts(3 + services + 5);
        dbPort = ports[0];
        kafkaPort = ports[1];
        controllerPort = ports[2];
        for (RapportService s : RapportService.values()) {
            servicePorts.put(s, ports[3 + s.ordinal()]);
        }
        int next = 3 + services;
        keycloakPort = ports[next++];
        smtpPort = ports[next++];
        imapPort = ports[next++];
        mailApiPort = ports[next++];
        consolePort = ports[next];
        return this;
    }

    public LocalPlatformOptions keycloakPort(int port) {
        this.keycloakPort = port;
        return this;
    }

    public LocalPlatformOptions smtpPort(int port) {
        this.smtpPort = port;
        return this;
    }

    public LocalPlatformOptions imapPort(int port) {
        this.imapPort = port;
        return this;
    }

    public LocalPlatformOptions mailApiPort(int port) {
        this.mailApiPort = port;
        return this;
    }

    public LocalPlatformOptions consolePort(int port) {
        this.consolePort = port;
        return this;
    }

    /** The realm Keycloak imports; default {@code <root>/deploy/keycloak/rapport-realm.json}. */
    public LocalPlatformOptions realmFile(Path file) {
        this.realmFile = Objects.requireNonNull(file);
        return this;
    }

    /** The console's jar; default {@code <root>/console/target/console-<version>.jar}. */
    public LocalPlatformOptions consoleJar(Path jar) {
        this.consoleJar = Objects.requireNonNull(jar);
        return this;
    }

    /**
     * Where {@code ./mvnw -pl deploy/local dependency:copy@dev-servers} put the Keycloak
     * distribution and the GreenMail jar; default {@code <root>/deploy/local/target/dev-servers}.
     */
    public LocalPlatformOptions devServersDir(Path dir) {
        this.devServersDir = Objects.requireNonNull(dir);
        return this;
    }

    /** The local Maven repository searched after {@link #devServersDir()}; default {@code ~/.m2/repository}. */
    public LocalPlatformOptions mavenRepository(Path dir) {
        this.mavenRepository = Objects.requireNonNull(dir);
        return this;
    }

    public LocalPlatformOptions keycloakHeapOptions(List<String> options) {
        this.keycloakHeapOptions = List.copyOf(options);
        return this;
    }

    public LocalPlatformOptions mailJvmOptions(List<String> options) {
        this.mailJvmOptions = List.copyOf(options);
        return this;
    }

    public LocalPlatformOptions consoleJvmOptions(List<String> options) {
        this.consoleJvmOptions = List.copyOf(options);
        return this;
    }

    public LocalPlatformOptions consoleSessionSecret(String secret) {
        if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("The console session secret must be at least 32 bytes");
        }
        this.consoleSessionSecret = secret;
        return this;
    }

    /** An extra environment variable for the console (overrides the runtime's own). */
    public LocalPlatformOptions consoleEnv(String name, String value) {
        consoleEnv.put(name, value);
        return this;
    }

    /**
     * Whether the services and the console start with an AppCDS archive of their jar, made by a
     * training run the first time (default true; {@code RAPPORT_CLASS_DATA_SHARING=off} in
     * {@code deploy/local/run}).
     */
    public LocalPlatformOptions classDataSharing(boolean enabled) {
        this.classDataSharing = enabled;
        return this;
    }

    /**
     * Where the archives go; default {@code cds/} beside each jar ({@code <module>/target/cds}),
     * so that every data directory, the system tests and the benchmark share one archive per
     * build of a jar, and {@code ./mvnw clean} removes it with the jar.
     */
    public LocalPlatformOptions classDataArchiveDir(Path dir) {
        this.classDataArchiveDir = Objects.requireNonNull(dir);
        return this;
    }

    public LocalPlatformOptions dbPassword(RapportService service, String password) {
        dbPasswords.put(service, Objects.requireNonNull(password));
        return this;
    }

    public LocalPlatformOptions serviceJar(RapportService service, Path jar) {
        serviceJars.put(service, Objects.requireNonNull(jar));
        return this;
    }

    public LocalPlatformOptions jwtSecret(String secret) {
        if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("The JWT secret must be at least 32 bytes (HS256)");
        }
        this.jwtSecret = secret;
        return this;
    }

    public LocalPlatformOptions serviceJvmOptions(List<String> options) {
        this.serviceJvmOptions = List.copyOf(options);
        return this;
    }

    public LocalPlatformOptions serviceJvmOptions(String... options) {
        return serviceJvmOptions(Arrays.asList(options));
    }

    public LocalPlatformOptions kafkaJvmOptions(List<String> options) {
        this.kafkaJvmOptions = List.copyOf(options);
        return this;
    }

    /** An extra environment variable for every service (overrides the runtime's own). */
    public LocalPlatformOptions serviceEnv(String name, String value) {
        commonServiceEnv.put(name, value);
        return this;
    }

    /** An extra environment variable for one service (overrides the common ones). */
    public LocalPlatformOptions serviceEnv(RapportService service, String name, String value) {
        serviceEnv.computeIfAbsent(service, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** Overrides or adds a broker {@code server.properties} entry. */
    public LocalPlatformOptions kafkaProperty(String name, String value) {
        kafkaProperties.put(name, value);
        return this;
    }

    /**
     * Classpath of the broker's child JVM. By default it is the classpath of the running JVM
     * (which has {@code kafka_2.13} and {@code kafka-tools} through this module's dependencies).
     */
    public LocalPlatformOptions kafkaClasspath(String classpath) {
        this.kafkaClasspath = classpath;
        return this;
    }

    public LocalPlatformOptions javaExecutable(Path java) {
        this.javaExecutable = Objects.requireNonNull(java);
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public String version() {
        return version;
    }

    public int dbPort() {
        return dbPort;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public int servicePort(RapportService service) {
        return servicePorts.get(service);
    }

    public String dbPassword(RapportService service) {
        return dbPasswords.get(service);
    }

    public Path serviceJar(RapportService service) {
        Path jar = serviceJars.get(service);
        return jar != null ? jar : repoRoot.resolve(service.jarPath(version));
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    public List<String> serviceJvmOptions() {
        return serviceJvmOptions;
    }

    public List<String> kafkaJvmOptions() {
        return kafkaJvmOptions;
    }

    public Map<String, String> serviceEnv(RapportService service) {
        Map<String, String> env = new LinkedHashMap<>(commonServiceEnv);
        env.putAll(serviceEnv.getOrDefault(service, Map.of()));
        return Collections.unmodifiableMap(env);
    }

    public Map<String, String> kafkaProperties() {
        return Collections.unmodifiableMap(kafkaProperties);
    }

    public String kafkaClasspath() {
        return kafkaClasspath;
    }

    public Path javaExecutable() {
        return javaExecutable;
    }

    public int keycloakPort() {
        return keycloakPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public int mailApiPort() {
        return mailApiPort;
    }

    public int consolePort() {
        return consolePort;
    }

    public Path realmFile() {
        return realmFile != null ? realmFile : repoRoot.resolve("deploy/keycloak/rapport-realm.json");
    }

    public Path consoleJar() {
        return consoleJar != null ? consoleJar : repoRoot.resolve("console/target/console-" + version + ".jar");
    }

    public Path devServersDir() {
        return devServersDir != null ? devServersDir : repoRoot.resolve("deploy/local/target/dev-servers");
    }

    public Path mavenRepository() {
        if (mavenRepository != null) {
            return mavenRepository;
        }
        String prop = System.getProperty("maven.repo.local");
        return prop != null && !prop.isBlank() ? Path.of(prop)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public List<String> keycloakHeapOptions() {
        return keycloakHeapOptions;
    }

    public List<String> mailJvmOptions() {
        return mailJvmOptions;
    }

    public List<String> consoleJvmOptions() {
        return consoleJvmOptions;
    }

    public String consoleSessionSecret() {
        return consoleSessionSecret;
    }

    public Map<String, String> consoleEnv() {
        return Collections.unmodifiableMap(consoleEnv);
    }

    public boolean classDataSharing() {
        return classDataSharing;
    }

    /** Null: {@code cds/} beside each jar. */
    public Path classDataArchiveDir() {
        return classDataArchiveDir;
    }

    static int[] freeLoopbackPorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                s.setReuseAddress(true);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free ports", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
