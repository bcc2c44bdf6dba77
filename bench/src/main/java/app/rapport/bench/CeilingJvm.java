package app.rapport.bench;

import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Ceilings} ceiling in a child JVM started with exactly the JVM options the
 * platform gives the services ({@code LocalPlatformOptions#serviceJvmOptions}: C2, the heap,
 * stack, code-cache and metaspace caps, SerialGC). Not in the bench's own JVM: that one has a
 * larger heap and hosts the load generators, so a raw loop in it would run on different terms
 * than the service it is compared with (ADR 0017).
 */
final class CeilingJvm {

    private final LocalPlatform platform;
    private final Client client;

    CeilingJvm(Client client) {
        this.client = client;
        this.platform = client.platform;
    }

    /** The JDBC arguments for a service's database, {@code prefix} before each key. */
    Map<String, String> database(RapportService s, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "url", platform.jdbcUrl(s));
        m.put(prefix + "user", platform.dbUser(s));
        m.put(prefix + "password", platform.dbPassword(s));
        return m;
    }

    Map<String, Double> run(String ceiling, Map<String, String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(platform.options().javaExecutable().toString());
        cmd.addAll(platform.options().serviceJvmOptions());
        cmd.add("-Dlogback.configurationFile=rapport-local-logback.xml");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Ceilings.class.getName());
        cmd.add(ceiling);
        args.forEach((k, v) -> cmd.add(k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("CEILING")) {
                    for (String kv : line.substring("CEILING".length()).trim().split(" ")) {
                        int eq = kv.indexOf('=');
                        out.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
                    }
                } else {
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || out.isEmpty()) {
            tail.forEach(l -> client.say("  ceiling " + ceiling + ": " + l));
            throw new IllegalStateException("ceiling " + ceiling + " exited with " + code);
        }
        return out;
    }
}
