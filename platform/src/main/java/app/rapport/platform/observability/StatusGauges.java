package app.rapport.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.util.List;

/** Registers every {@link StatusCount} the service declares and refreshes them every 30 s. */
@Context
@Requires(beans = MeterRegistry.class)
public class StatusGauges {

    private final List<CountsByStatus> gauges;

    public StatusGauges(List<StatusCount> counts, MeterRegistry registry, DataSource dataSource,
                        DataSourceResolver resolver) {
        DataSource raw = resolver.resolve(dataSource);
        gauges = counts.stream().map(c -> new CountsByStatus(registry, raw, c.name(), c.description(), c.sql(),
                c.tags().toArray(String[]::new))).toList();
        refresh();
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refresh() {
        gauges.forEach(CountsByStatus::refresh);
    }
}
