package app.rapport.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The console's jar in a JVM of its own, as it runs in production: configured only by
 * environment variables, output in {@code console.log}, stopped with SIGTERM (then SIGKILL).
 */
final class ConsoleProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Marks the command line, so that a later run can recognise a console left by a killed test JVM. */
    private static final String OWNER_PROPERTY = "-Drapport.console.it.owner=";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Path pidFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ConsoleProcess(Process process, int port, Path logFile, Path pidFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ConsoleProcess start(Path jar, Path workDir, int port, Map<String, String> env) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No console jar at " + jar
                    + ": build it with ./mvnw -pl console -am package -DskipTests");
        }
        try {
            Files.createDirectories(workDir);
            Path logFile = workDir.resolve("console.log");
            Path pidFile = workDir.resolve("console.pid");
            killLeftover(pidFile, workDir);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
            cmd.add(OWNER_PROPERTY + workDir.toAbsolutePath());
            cmd.add("-jar");
            cmd.add(jar.toAbsolutePath().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // Only what the test says: no RAPPORT_* setting of the developer's shell leaks in
            // (RAPPORT_DEV_MAIL_API in particular stays unset: GreenMail here has no REST API).
            pb.environment().keySet().removeIf(k -> k.startsWith("RAPPORT_") || k.startsWith("MICRONAUT_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            Files.writeString(pidFile, Long.toString(p.pid()), StandardCharsets.UTF_8);
            return new ConsoleProcess(p, port, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the console", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code GET /health/readiness} answers 200; fails early, with the log's end, if the JVM exits. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The console exited with code " + process.exitValue()
                        + "; see " + logFile + "\n--- last lines ---\n" + tail(40));
            }
            if (isReady()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The console was not ready within " + timeout + "; see " + logFile
                        + "\n--- last lines ---\n" + tail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean isReady() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, up to 15 s for a graceful shutdown, then SIGKILL. */
    @Override
    public void close() {
        stop(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timeout) {
            handle.destroyForcibly();
        }
    }

    /** A console whose test JVM was killed (kill -9) keeps its port and log busy: stop it first. */
    private static void killLeftover(Path pidFile, Path workDir) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            String marker = OWNER_PROPERTY + workDir.toAbsolutePath();
            if (h.isPresent() && h.get().isAlive() && commandLine(h.get()).contains(marker)) {
                System.err.println("[console-it] stopping a console left over by an earlier run (pid " + pid + ")");
                stop(h.get());
            }
        } catch (NumberFormatException ignored) {
            // not a pid: nothing to stop
        }
        Files.deleteIfExists(pidFile);
    }

    private static String commandLine(ProcessHandle h) {
        try {
            Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException ignored) {
            // fall through
        }
        return h.info().commandLine().orElse("");
    }
}
