package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.LocalPlatformOptions;
import app.rapport.local.RapportService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The platform under test: an embedded MariaDB, a Kafka broker and the four service jars as
 * separate JVMs, started once per test JVM by the same launcher {@code deploy/local/run} uses.
 */
public final class RunningPlatform {

    /**
     * The services' test-only fault hook (RAPPORT_TEST_FAULT_MARKER): a consumer dies once for each
     * event whose payload contains this text. No other test's data contains it.
     */
    public static final String TEST_FAULT_MARKER = "Killconsumeronce";

    private static LocalPlatform platform;
    private static final Map<RapportService, ServiceApi> APIS = new EnumMap<>(RapportService.class);

    private RunningPlatform() {
    }

    public static synchronized LocalPlatform get() {
        if (platform == null) {
            Path root = Path.of(System.getProperty("rapport.repo.root", "..")).toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createDirectories(root.resolve("system-tests/target/platform-data"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalPlatform p = new LocalPlatform(new LocalPlatformOptions().freePorts().repoRoot(root).dataDir(data)
                    .serviceEnv("RAPPORT_TEST_FAULT_MARKER", TEST_FAULT_MARKER)
                    // the per-request and per-event lines an operator turns on to follow a trace (DefiningFlowIT)
                    .serviceEnv("RAPPORT_TRAIL_LOG_LEVEL", "DEBUG"));
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "platform-stop"));
            p.startDatabase();
            p.startBroker();
            p.awaitHealthy(Duration.ofMinutes(2));
            // After a rebuild each jar needs its class-data archive once: make the four side by side.
            p.prepareClassDataArchives(java.util.EnumSet.allOf(RapportService.class));
            for (RapportService s : RapportService.values()) {
                p.startService(s);
            }
            p.awaitHealthy(Duration.ofMinutes(3));
            platform = p;
        }
        return platform;
    }

    public static synchronized ServiceApi api(RapportService service) {
        get();
        return APIS.computeIfAbsent(service, s -> new ServiceApi(platform.serviceUrl(s)));
    }

    public static String token(String clinic, String... roles) {
        return get().mintToken(clinic, roles);
    }
}
