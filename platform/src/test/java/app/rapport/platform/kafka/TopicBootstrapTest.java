package app.rapport.platform.kafka;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters keep patient data no longer than documented (docs/data-retention.md): where the
 * platform creates the topics, each carries the configured retention on the real broker, also
 * when the topic was there before with another one.
 */
class TopicBootstrapTest {

    @Test
    void everyTopicAndDeadLetterTopicKeepsRecordsForItsConfiguredTime() throws Exception {
        KafkaSettings settings = new KafkaSettings();
        settings.setBootstrapServers(TestInfrastructure.get().bootstrapServers());
        settings.setCreateTopics(true);
        settings.setPartitions(1);
        // A first start with other retentions, then the configured ones: the second start must win.
        settings.setTopicRetention(Duration.ofDays(1));
        settings.setDeadLetterRetention(Duration.ofDays(1));
        settings.setPatientDeadLetterRetention(Duration.ofDays(1));
        new TopicBootstrap(settings).ensureTopics();

        settings.setTopicRetention(Duration.ofDays(14));
        settings.setDeadLetterRetention(Duration.ofDays(30));
        settings.setPatientDeadLetterRetention(Duration.ofHours(36));
        new TopicBootstrap(settings).ensureTopics();

        // The broker applies a changed topic config a moment after acknowledging it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertRetentions(settings));
    }

    private static void assertRetentions(KafkaSettings settings) throws Exception {
        Map<String, Long> retentionMs = retentionMs(settings);
        for (String topic : Topics.ALL) {
            assertThat(retentionMs.get(topic)).as("retention.ms of %s", topic).isEqualTo(Duration.ofDays(14).toMillis());
        }
        assertThat(retentionMs.get(Topics.deadLetter(Topics.PATIENTS))).as("dead letters naming patients")
                .isEqualTo(Duration.ofHours(36).toMillis());
        for (String topic : List.of(Topics.PRACTITIONERS, Topics.REFERRALS, Topics.OUTREACH_ACTIVITIES, Topics.REPORTS)) {
            assertThat(retentionMs.get(Topics.deadLetter(topic))).as("retention.ms of %s", Topics.deadLetter(topic))
                    .isEqualTo(Duration.ofDays(30).toMillis());
        }
    }

    private static Map<String, Long> retentionMs(KafkaSettings settings) throws Exception {
        List<ConfigResource> resources = new TopicBootstrap(settings).retentions().keySet().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try (Admin admin = Admin.create(settings.clientProperties())) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            return configs.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(),
                    e -> Long.parseLong(e.getValue().get(TopicConfig.RETENTION_MS_CONFIG).value())));
        }
    }
}
