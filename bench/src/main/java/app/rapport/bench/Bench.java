package app.rapport.bench;

import app.rapport.local.LocalPlatform;
import app.rapport.local.LocalPlatformOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code deploy/local/bench}: starts MariaDB, Kafka and the four services with the same
 * {@link LocalPlatform} as {@code deploy/local/run}, runs each scenario (start and memory,
 * ingest, end to end, drain, growth) beside ceilings measured in the same run with the services'
 * JVM flags, and writes the figures into {@code docs/benchmarks.md}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested h) {
            System.out.print(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(o);
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static int run(BenchOptions o) throws Exception {
        long t0 = System.nanoTime();
        Path dataDir = o.dataDir.toAbsolutePath().normalize();
        deleteRecursively(dataDir);
        Path repoRoot = Path.of(System.getProperty("rapport.repo.root", ".")).toAbsolutePath().normalize();
        LocalPlatform platform = new LocalPlatform(new LocalPlatformOptions().dataDir(dataDir).repoRoot(repoRoot).freePorts());
        Client client = new Client(platform, t0);
        Results results = new Results(o);
        results.machine(Machine.cores(), Machine.memory(), Machine.jdk(), Machine.os(), Machine.loadAverage(),
                System.getProperty("bench.commit", "unknown"), o, platform.options().serviceJvmOptions());
        client.say("load average at start: " + Machine.loadAverage() + " on " + Machine.cores() + " cores");
        CeilingJvm ceilings = new CeilingJvm(client);
        Profiler profiler = new Profiler(client, dataDir.resolve("profiles"));
        Startup startup = new Startup(client, results);
        try {
            startup.run();
            List<String> clinics = new ArrayList<>();
            clinics.add(Client.ONE_CLINIC);
            for (int i = 0; i < o.clinics; i++) {
                clinics.add(Client.clinic(i));
            }
            client.registerPartners(clinics);
            Scenario.Context context = new Scenario.Context(client, o, results, ceilings, profiler);
            double sustained = new Ingest(context).run();
            new EndToEnd(context).run(sustained);
            Drain drain = new Drain(context);
            if (o.backlog > 0) {
                drain.run();
            }
            if (!o.growth.isEmpty()) {
                new Growth(context, drain).run();
            }
        } finally {
            startup.finish();
            client.say("stopping everything ...");
            platform.close();
        }
        results.elapsedSeconds(Client.seconds(t0));
        System.out.println();
        System.out.println(results.consoleTable());
        if (!"-".equals(o.out)) {
            Path out = Path.of(o.out);
            Results.writeInto(out, results.markdown());
            client.say("wrote " + out.toAbsolutePath());
        }
        return 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
