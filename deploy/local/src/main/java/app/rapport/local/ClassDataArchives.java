package app.rapport.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * AppCDS archives of the long-running JVMs (services and console), built once per jar: a
 * training run with {@code -XX:ArchiveClassesAtExit} that is stopped cleanly once it is healthy
 * (JDK 17 writes a dynamic archive only on a normal exit, SIGTERM included), then every start
 * maps the archive with {@code -XX:SharedArchiveFile}. ADR 0013 says why and what it saves.
 *
 * <p>The archive's name carries a fingerprint of everything the JVM checks before it uses one
 * (the jar's bytes, size and modification time, the JDK, the JVM options): a rebuilt jar or
 * another JDK gets a new archive instead of one the JVM would silently ignore. An archive is
 * written under a temporary name and only renamed into place after a {@code -Xshare:on} run
 * accepted it, because JDK 17 dies of SIGBUS on a truncated archive even under
 * {@code -Xshare:auto} (a training JVM killed while it wrote would leave one). When anything of
 * this fails the JVM starts without an archive, and this platform does not try that jar again.
 */
final class ClassDataArchives {

    /** What the platform does to train: start the JVM with these options, wait until healthy, stop it with SIGTERM. */
    interface TrainingRun {
        /** Returns the JVM's exit code after the graceful stop. */
        int run(List<String> archiveOptions) throws Exception;
    }

    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(30);
    /** SIGKILL: the JVM did not get to write its archive to the end. */
    private static final int KILLED = 128 + 9;

    private final Path java;
    /** Null: next to each jar, in {@code <jar dir>/cds}. */
    private final Path dir;
    private final Set<Path> failed = ConcurrentHashMap.newKeySet();

    ClassDataArchives(Path java, Path dir) {
        this.java = java;
        this.dir = dir;
    }

    /** The options a JVM gets to map {@code archive}; an archive it cannot use is skipped, not fatal. */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
    }

    static List<String> createOptions(Path archive) {
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    /** Where the archive of {@code name} (a service's module name, or {@code console}) for this jar and these options lives. */
    Path archiveFor(String name, Path jar, List<String> jvmOptions) {
        Path base = dir != null ? dir : jar.toAbsolutePath().getParent().resolve("cds");
        return base.resolve(name + "-" + fingerprints.computeIfAbsent(new FingerprintKey(jar, jvmOptions,
                stamp(jar)), k -> fingerprint(jar, java, jvmOptions)) + ".jsa");
    }

    /** Hashing a 55 MB jar takes a good part of a second: once per build of it, not at every start. */
    private record FingerprintKey(Path jar, List<String> jvmOptions, String stamp) {
    }

    private final java.util.Map<FingerprintKey, String> fingerprints = new ConcurrentHashMap<>();

    private static String stamp(Path jar) {
        try {
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    /** The archive if it exists already; never trains. */
    Optional<Path> existing(String name, Path jar, List<String> jvmOptions) {
        Path archive = archiveFor(name, jar, jvmOptions);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /**
     * The archive of this jar, after a training run when there is none yet; empty when it cannot
     * be made (then the caller starts the JVM without one). {@code log} gets one line either way.
     */
    Optional<Path> ensure(String name, Path jar, List<String> jvmOptions, TrainingRun training, Path log) {
        Path archive = archiveFor(name, jar, jvmOptions);
        if (Files.isRegularFile(archive)) {
            return Optional.of(archive);
        }
        if (failed.contains(archive)) {
            return Optional.empty();
        }
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(archive.getParent());
            int exit = training.run(createOptions(tmp));
            if (exit == KILLED || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IllegalStateException("the training JVM wrote no archive (exit " + exit + ")");
            }
            validate(tmp, jar, jvmOptions, log);
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOlder(name, archive);
            say(log, String.format(Locale.ROOT, "class-data archive for %s built in %.1f s: %s (%d MiB)", name,
                    (System.nanoTime() - t0) / 1e9, archive, Files.size(archive) >> 20));
            return Optional.of(archive);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failed.add(archive);
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            say(log, "no class-data archive for " + name + " (" + why + "); starting it without one");
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** {@code java -Xshare:on} refuses to start on an archive it would not map: then it is not kept. */
    private void validate(Path archive, Path jar, List<String> jvmOptions, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.add("-Xshare:on");
        cmd.add("-cp");
        cmd.add(jar.toAbsolutePath().normalize().toString());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(VALIDATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("checking the archive took longer than " + VALIDATION_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the JVM does not accept the archive it wrote (exit " + p.exitValue() + ")");
        }
    }

    /** The archives of earlier builds of the same jar go: only the current one is of use. */
    private static void removeOlder(String name, Path current) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(current.getParent(), name + "-*.jsa")) {
            for (Path p : old) {
                String rest = p.getFileName().toString().substring(name.length() + 1);
                // "contacts-service-<16 hex>.jsa" only, not another name that starts the same way
                if (!p.equals(current) && rest.matches("[0-9a-f]{16}\\.jsa")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * What the JVM compares before it maps an archive: the jar (it checks size and modification
     * time; the bytes make "the jar changed" certain), the JDK and the options the JVM runs with.
     */
    static String fingerprint(Path jar, Path java, List<String> jvmOptions) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            StringBuilder s = new StringBuilder();
            s.append('\n').append(Files.size(jar)).append('\n').append(Files.getLastModifiedTime(jar).toMillis());
            Path realJava = Files.exists(java) ? java.toRealPath() : java;
            s.append('\n').append(realJava);
            Path home = realJava.getParent() != null ? realJava.getParent().getParent() : null;
            for (String f : List.of("lib/modules", "lib/server/libjvm.so", "release")) {
                Path p = home != null ? home.resolve(f) : null;
                if (p != null && Files.isRegularFile(p)) {
                    s.append('\n').append(f).append(' ').append(Files.size(p)).append(' ')
                            .append(Files.getLastModifiedTime(p).toMillis());
                }
            }
            jvmOptions.forEach(o -> s.append('\n').append(o));
            sha.update(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void say(Path log, String line) {
        System.out.println("[local-runtime] " + line);
        try {
            Files.writeString(log, "[local-runtime] " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the console line is enough
        }
    }
}
