package app.rapport.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the local runtime: output appended to a log file, pid recorded in a pid
 * file so that a later run can clean up after a launcher that was killed with {@code kill -9}.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Instant startedAt;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.startedAt = Instant.now();
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                              Path logFile, Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(workDir);
            rotateIfLarge(logFile);
            Files.writeString(logFile, System.lineSeparator() + "===== " + name + " starting at " + Instant.now()
                            + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().putAll(env);
            Process p = pb.start();
            Files.writeString(pidFile, Long.toString(p.pid()), StandardCharsets.UTF_8);
            return new ChildProcess(name, p, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; or SIGKILL at once when {@code kill9}. */
    void stop(boolean kill9, Duration grace) {
        try {
            if (process.isAlive()) {
                stopTree(process.toHandle(), kill9, grace);
            }
        } finally {
            deletePidFile();
        }
    }

    /**
     * Waits for a one-off step (formatting Kafka's storage, building Keycloak) to finish; fails
     * with the end of its log when it exits non-zero, and kills it when it outlasts {@code timeout}.
     */
    void awaitSuccess(String what, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                stop(true, Duration.ofSeconds(5));
                throw new IllegalStateException(what + " did not finish within " + timeout + "; see " + logFile);
            }
            int code = process.exitValue();
            if (code != 0) {
                throw new IllegalStateException(what + " failed (exit " + code + "); see " + logFile
                        + "\n--- last lines ---\n" + tail(logFile, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what, e);
        } finally {
            deletePidFile();
        }
    }

    void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void stopTree(ProcessHandle handle, boolean kill9, Duration grace) {
        // A service JVM starts no children, but be thorough: whatever it started goes too.
        List<ProcessHandle> descendants = handle.descendants().toList();
        if (kill9) {
            handle.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        } else {
            handle.destroy();
        }
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timeout) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // gave up
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * If {@code pidFile} names a live process whose command line contains {@code marker} (a
     * path unique to this data directory), it is left over from a launcher that died without
     * cleaning up: kill it. Returns true when something was killed.
     */
    static boolean killStale(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            boolean killed = false;
            if (h.isPresent() && h.get().isAlive() && commandLineContains(h.get(), marker)) {
                System.err.println("[local-runtime] killing leftover process " + pid + " (" + pidFile.getFileName() + ")");
                stopTree(h.get(), false, Duration.ofSeconds(20));
                killed = true;
            }
            Files.deleteIfExists(pidFile);
            return killed;
        } catch (IOException | NumberFormatException e) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // best effort
            }
            return false;
        }
    }

    private static boolean commandLineContains(ProcessHandle h, String marker) {
        Optional<String> cmd = h.info().commandLine();
        if (cmd.isPresent()) {
            return cmd.get().contains(marker);
        }
        try {
            // ProcessHandle.Info may be empty for long command lines; /proc has it all on Linux.
            Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
            return Files.isReadable(proc)
                    && new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** Logs are appended across runs; past 20 MiB the old one becomes {@code <name>.1}. */
    static void rotateIfLarge(Path logFile) throws IOException {
        if (Files.isRegularFile(logFile) && Files.size(logFile) > 20L * 1024 * 1024) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The last {@code lines} lines of the log, to explain a failed start. */
    String tail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
