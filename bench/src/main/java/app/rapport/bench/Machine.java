package app.rapport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures came from: cores, memory, JDK, OS, load; and a process's resident memory. */
final class Machine {

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String memory() {
        long kb = meminfo("MemTotal");
        return kb < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    static String os() {
        String pretty = null;
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException ignored) {
            // not Linux, or no os-release
        }
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return pretty == null ? kernel : pretty + ", " + kernel;
    }

    /** "1.23 0.98 0.75" (1, 5, 15 minutes) from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * A process's resident set in MiB (/proc/&lt;pid&gt;/status): in all (VmRSS), its anonymous
     * pages (RssAnon: heap, metaspace, code cache, stacks, buffers) and its file-backed ones
     * (RssFile: the class-data archive and jars it maps, which the page cache holds anyway).
     */
    record Rss(double total, double anon, double file) {
        static final Rss NONE = new Rss(-1, -1, -1);
    }

    /** The process's resident set, or {@link Rss#NONE} when it is gone. */
    static Rss rss(long pid) {
        try {
            double total = -1;
            double anon = -1;
            double file = -1;
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                double mib = l.startsWith("VmRSS:") || l.startsWith("RssAnon:") || l.startsWith("RssFile:")
                        ? Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 : -1;
                if (l.startsWith("VmRSS:")) {
                    total = mib;
                } else if (l.startsWith("RssAnon:")) {
                    anon = mib;
                } else if (l.startsWith("RssFile:")) {
                    file = mib;
                }
            }
            return new Rss(total, anon, file);
        } catch (IOException | RuntimeException e) {
            return Rss.NONE;
        }
    }

    /** Resident set size of a process in MiB (VmRSS), or -1. */
    static double rssMiB(long pid) {
        return rss(pid).total();
    }

    private static long meminfo(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        return -1;
    }
}
