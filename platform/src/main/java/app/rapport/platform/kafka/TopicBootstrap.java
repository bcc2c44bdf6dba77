package app.rapport.platform.kafka;

import app.rapport.platform.events.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the platform topics and their dead-letter topics where the platform owns the broker
 * (local runtime, tests). In Kubernetes, Strimzi {@code KafkaTopic} resources own them and this
 * is switched off ({@code RAPPORT_KAFKA_CREATE_TOPICS=false}).
 */
@Singleton
public class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final KafkaSettings settings;
    private volatile boolean done;

    public TopicBootstrap(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Idempotent; returns once the topics exist or creation is not ours to do. */
    public synchronized void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        if (done || !settings.isCreateTopics()) {
            done = true;
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, settings.getPartitions(), settings.getReplicationFactor()));
            topics.add(new NewTopic(Topics.deadLetter(topic), 1, settings.getReplicationFactor()));
        }
        try (Admin admin = Admin.create(settings.clientProperties())) {
            var result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        done = true;
    }
}
