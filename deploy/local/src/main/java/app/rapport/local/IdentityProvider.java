package app.rapport.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak from its Maven Central distribution, with the realm of demo users
 * ({@code deploy/keycloak/rapport-realm.json}). Unpacked under {@code <data>/keycloak} and built
 * once ({@code kc.sh build}, the slow "augmentation"), then each start is
 * {@code kc.sh start --optimized} on a dev-file (H2) database kept in the same directory. The
 * realm is imported into an empty database; when the realm file changes, the database is
 * dropped so that the next start imports it again.
 */
final class IdentityProvider {

    static final String REALM = "rapport";
    static final String CLIENT_ID = "rapport-console";
    /** Development values only; the realm file names the same client secret as its default. */
    static final String DEV_CLIENT_SECRET = "rapport-console-dev-secret";
    static final String DEV_ADMIN_USER = "admin";
    static final String DEV_ADMIN_PASSWORD = "admin";
    /** Build-time options: changing them needs another {@code kc.sh build}. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");

    private final LocalPlatformOptions options;
    private final Path dataRoot;
    private final Path root;
    private final Path home;
    private final Path logFile;
    private final Path pidFile;
    private ChildProcess process;

    IdentityProvider(LocalPlatformOptions options, Path dataRoot) {
        this.options = options;
        this.dataRoot = dataRoot;
        this.root = dataRoot.resolve("keycloak");
        this.home = root.resolve("keycloak-" + DevServers.KEYCLOAK_VERSION);
        this.logFile = dataRoot.resolve("logs").resolve("keycloak.log");
        this.pidFile = dataRoot.resolve("run").resolve("keycloak.pid");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + options.keycloakPort();
    }

    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    Path home() {
        return home;
    }

    Path logFile() {
        return logFile;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    boolean isPrepared() {
        return Files.isRegularFile(home.resolve("bin/kc.sh")) && preparedMarker().equals(readMarker());
    }

    /**
     * Unpacks the distribution and runs {@code kc.sh build} unless that was done for this
     * version and these build options. Returns true when it had to (tens of seconds).
     */
    synchronized boolean prepare() {
        if (isPrepared()) {
            return false;
        }
        Path zip = DevServers.keycloakDistribution(options);
        try {
            Files.createDirectories(root);
            deleteRecursively(home);
            Files.deleteIfExists(root.resolve("prepared.txt"));
            unzip(zip, root);
            if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException(zip + " did not unpack to " + home);
            }
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            cmd.addAll(BUILD_OPTIONS);
            ChildProcess build = ChildProcess.start("keycloak-build", cmd, environment(), root, logFile,
                    dataRoot.resolve("run").resolve("keycloak-build.pid"));
            build.awaitSuccess("kc.sh build", Duration.ofMinutes(5));
            Files.writeString(root.resolve("prepared.txt"), preparedMarker(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Keycloak in " + home + ": " + e.getMessage(), e);
        }
    }

    /** Starts Keycloak (preparing it first if needed); does not wait for it. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        prepare();
        try {
            ChildProcess.killStale(pidFile, home.toString());
            Ports.requireFree(options.keycloakPort(), "Keycloak", "--keycloak-port");
            Map<String, String> env = environment();
            byte[] realm = Files.readAllBytes(options.realmFile());
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Files.write(importDir.resolve(REALM + "-realm.json"), realm);
            String fingerprint = realmFingerprint(realm, env);
            Path imported = root.resolve("imported-realm.sha256");
            if (!fingerprint.equals(Files.isRegularFile(imported) ? Files.readString(imported).trim() : "")) {
                // A new or changed realm: import it into a fresh database (Keycloak skips realms that exist).
                deleteRecursively(home.resolve("data/h2"));
                Files.writeString(imported, fingerprint, StandardCharsets.UTF_8);
            }
            process = ChildProcess.start("keycloak", command(), env, root, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak: " + e.getMessage(), e);
        }
    }

    List<String> command() {
        int port = options.keycloakPort();
        return List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                // One issuer however the browser spells the host: the one the console discovers.
                "--hostname=" + baseUrl(),
                "--cache=local", "--import-realm");
    }

    /** What kc.sh and the realm's placeholders read. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        Path javaHome = options.javaExecutable().toAbsolutePath().getParent().getParent();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", DEV_ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", String.join(" ", options.keycloakHeapOptions()));
        // C1 only: a quicker start on two cores; the marker lets a later run find a leftover JVM.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Drapport.local.owner=" + dataRoot);
        // The realm's redirect URI placeholder: the console as this runtime starts it.
        env.put("RAPPORT_CONSOLE_URL", "http://127.0.0.1:" + options.consolePort());
        return env;
    }

    boolean isReady() {
        return HttpProbe.ok(discoveryUrl());
    }

    void awaitReady(Duration timeout) {
        HttpProbe.await("Keycloak", discoveryUrl(), process(), timeout);
    }

    synchronized ChildProcess process() {
        return process;
    }

    synchronized void stop(boolean kill9) {
        if (process != null) {
            process.stop(kill9, Duration.ofSeconds(30));
            process = null;
        }
    }

    private String preparedMarker() {
        return "keycloak " + DevServers.KEYCLOAK_VERSION + " built with " + String.join(" ", BUILD_OPTIONS);
    }

    private String readMarker() {
        try {
            Path marker = root.resolve("prepared.txt");
            return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String realmFingerprint(byte[] realm, Map<String, String> env) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(realm);
            env.forEach((k, v) -> {
                if (k.startsWith("RAPPORT_")) {
                    sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void unzip(Path zip, Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().map(ZipEntry.class::cast).toList()) {
                Path out = base.resolve(e.getName()).normalize();
                if (!out.startsWith(base)) {
                    throw new IOException("Entry outside the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
