package app.rapport.platform.observability;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness DOWN until every consumer's member holds the partitions its group gave it (so an event
 * published once the service is ready is fetched at once), and while the relay or a consumer is
 * dead or stuck, a dead-letter write keeps
 * failing, or the broker does not answer; the details say which. Only reads what the loops and
 * the background broker check recorded, so a probe answers at once.
 */
@Singleton
@Readiness
public class PipelineReadiness implements HealthIndicator {

    private final PipelineHealth health;
    private final StartProfile startProfile;

    public PipelineReadiness(PipelineHealth health, StartProfile startProfile) {
        this.health = health;
        this.startProfile = startProfile;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (PipelineLoop loop : health.relays()) {
            up &= put(details, loop);
        }
        for (PipelineLoop loop : health.consumers()) {
            up &= put(details, loop);
            if (loop.isRunning() && !health.holdsItsPartitions(loop)) {
                up = false;
                details.put(loop.name(), details.get(loop.name()) + ", waiting for its partitions");
            }
        }
        long failing = health.deadLetters().failingWrites();
        if (failing > 0) {
            up = false;
            details.put("dead-letters", failing + " record(s) waiting for a dead-letter write that keeps failing");
        }
        if (health.brokerReachable()) {
            details.put("kafka", "reachable");
        } else {
            up = false;
            details.put("kafka", "unreachable (" + health.brokerProblem() + ")");
        }
        if (up) {
            startProfile.ready();
        }
        return Publishers.just(HealthResult.builder("pipeline", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }

    private boolean put(Map<String, Object> details, PipelineLoop loop) {
        PipelineLoop.State state = health.state(loop);
        String text = state.name() + (loop.role().isEmpty() ? "" : ", " + loop.role());
        if (loop.restarts() > 0) {
            text += ", restarted " + loop.restarts() + "x, last after " + loop.lastFailure();
        }
        details.put(loop.name(), text);
        return state == PipelineLoop.State.ALIVE;
    }
}
