package app.rapport.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What the system tests proved, counted per group and printed once at the end. */
public final class Tally {

    public static final String FLOWS = "flows passed";
    public static final String FAULTS = "faults survived";
    public static final String BAD_INPUTS = "bad inputs tried";
    public static final String CROSS_CLINIC = "cross-clinic attempts denied";
    public static final String SECURITY = "unauthenticated or unauthorised calls refused";
    /** A race between two people, or between a person and the pipeline, that ended with nothing overwritten. */
    public static final String RACES = "races lost nothing";

    private static final Map<String, AtomicInteger> COUNTS = new LinkedHashMap<>();

    static {
        for (String group : new String[] {FLOWS, FAULTS, BAD_INPUTS, CROSS_CLINIC, SECURITY, RACES}) {
            COUNTS.put(group, new AtomicInteger());
        }
    }

    private Tally() {
    }

    public static void count(String group) {
        COUNTS.get(group).incrementAndGet();
    }

    public static String summary() {
        StringBuilder out = new StringBuilder();
        COUNTS.forEach((group, n) -> out.append("SYSTEM TESTS: ").append(n.get()).append(' ').append(group).append('\n'));
        return out.toString();
    }

    static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary());
    }
}
