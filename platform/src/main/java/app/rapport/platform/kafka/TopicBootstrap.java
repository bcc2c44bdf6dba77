package app.rapport.platform.kafka;

import app.rapport.platform.events.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the platform topics and their dead-letter topics where the platform owns the broker
 * (local runtime, tests). In Kubernetes, Strimzi {@code KafkaTopic} resources own them and this
 * is switched off ({@code RAPPORT_KAFKA_CREATE_TOPICS=false}).
 *
 * <p>Each topic gets its {@code retention.ms}, also when it existed already (a broker from before
 * a retention was set), because how long a dead letter naming a patient is kept is a promise
 * docs/data-retention.md makes.
 */
@Singleton
public class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final KafkaSettings settings;
    private volatile boolean done;

    public TopicBootstrap(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Every topic we create → how long it keeps a record. */
    public Map<String, Duration> retentions() {
        Map<String, Duration> retentions = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            retentions.put(topic, settings.getTopicRetention());
            retentions.put(Topics.deadLetter(topic), Topics.CARRYING_PATIENT_DATA.contains(topic)
                    ? settings.getPatientDeadLetterRetention() : settings.getDeadLetterRetention());
        }
        return retentions;
    }

    /** Idempotent; returns once the topics exist or creation is not ours to do. */
    public synchronized void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        if (done || !settings.isCreateTopics()) {
            done = true;
            return;
        }
        Map<String, Duration> retentions = retentions();
        List<NewTopic> topics = new ArrayList<>();
        for (Map.Entry<String, Duration> entry : retentions.entrySet()) {
            String topic = entry.getKey();
            boolean deadLetter = !Topics.ALL.contains(topic);
            topics.add(new NewTopic(topic, deadLetter ? 1 : settings.getPartitions(), settings.getReplicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(entry.getValue().toMillis()))));
        }
        try (Admin admin = Admin.create(settings.clientProperties())) {
            var result = admin.createTopics(topics);
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> existing = new LinkedHashMap<>();
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.put(new ConfigResource(ConfigResource.Type.TOPIC, entry.getKey()), List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                                    String.valueOf(retentions.get(entry.getKey()).toMillis())),
                            AlterConfigOp.OpType.SET)));
                }
            }
            if (!existing.isEmpty()) {
                admin.incrementalAlterConfigs(existing).all().get(30, TimeUnit.SECONDS);
            }
        }
        done = true;
    }
}
