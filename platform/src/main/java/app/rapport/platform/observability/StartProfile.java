package app.rapport.platform.observability;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a service's start goes, in one INFO line when readiness first turns UP: the beans and
 * Flyway (context started), the HTTP server, and the consumer members' joins, each as JVM
 * uptime. The bench's start figure is launch → readiness; this line says which part to shorten.
 */
@Singleton
public class StartProfile {

    private static final Logger LOG = LoggerFactory.getLogger(StartProfile.class);

    private final PipelineHealth health;
    private final AtomicBoolean told = new AtomicBoolean();
    private volatile long contextStartedAt = -1;
    private volatile long httpServingAt = -1;

    public StartProfile(PipelineHealth health) {
        this.health = health;
    }

    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    @EventListener
    void onContextStarted(StartupEvent event) {
        contextStartedAt = uptimeMillis();
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        httpServingAt = uptimeMillis();
    }

    /** Called by readiness each time it answers UP; only the first one is told. */
    void ready() {
        if (!told.compareAndSet(false, true)) {
            return;
        }
        long readyAt = uptimeMillis();
        String members = health.lastFirstHeld()
                .map(e -> String.format(", last consumer given its partitions %s (%s)", seconds(e.getValue()), e.getKey()))
                .orElse(", no consumers");
        LOG.info("Ready at {} of JVM uptime: context started {}, HTTP serving {}{}", seconds(readyAt),
                seconds(contextStartedAt), seconds(httpServingAt), members);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "—" : String.format("%.2f s", millis / 1000.0);
    }
}
