package app.rapport.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording ({@code settings=profile}) of a service's JVM over a measured phase, through
 * {@code jcmd}, and its hottest frames from the {@code jdk.ExecutionSample} events: so that a
 * missed target is explained from a profile of the run that missed it.
 */
final class Profiler {

    private final Path dir;
    private final Client client;

    Profiler(Client client, Path dir) {
        this.client = client;
        this.dir = dir;
    }

    /** A recording in progress; {@link #stop} dumps it and returns the top frames. */
    final class Recording {
        private final long pid;
        private final String name;

        private Recording(long pid, String name) {
            this.pid = pid;
            this.name = name;
        }

        /** "top frames" lines: the hottest frames overall, then the hottest Rapport frames. */
        List<String> stop() {
            Path file = dir.resolve(name + ".jfr");
            try {
                jcmd(pid, "JFR.dump", "name=" + name, "filename=" + file);
                jcmd(pid, "JFR.stop", "name=" + name);
                return topFrames(file, 8);
            } catch (Exception e) {
                return List.of("(no profile: " + e.getMessage() + ")");
            }
        }
    }

    Recording start(long pid, String name) {
        try {
            Files.createDirectories(dir);
            jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
        } catch (Exception e) {
            client.say("profile " + name + ": JFR.start failed: " + e.getMessage());
        }
        return new Recording(pid, name);
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + ": " + out.trim());
        }
    }

    /**
     * Counts each sample's top frame, and its first frame in {@code app.rapport} code (where the
     * service's own work was when the CPU was spent), and prints the {@code n} most frequent of each.
     */
    static List<String> topFrames(Path file, int n) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(frame(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("app.rapport.")) {
                    ours.merge(frame(f), 1, Integer::sum);
                    break;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(samples + " execution samples");
        lines.add("top frames:");
        lines.addAll(ranked(top, samples, n));
        lines.add("first Rapport frame on the stack:");
        lines.addAll(ranked(ours, samples, n));
        return lines;
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static List<String> ranked(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()))
                .toList();
    }
}
