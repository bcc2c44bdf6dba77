package app.rapport.platform.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code rapport.kafka.*}: where the broker is and how topics are created where we own them. */
@ConfigurationProperties("rapport.kafka")
public class KafkaSettings {

    private String bootstrapServers = "127.0.0.1:9092";
    private boolean createTopics;
    private int partitions = 6;
    private short replicationFactor = 1;
    /** How long an event topic keeps its records where we create it (as the KafkaTopic manifests do). */
    private Duration topicRetention = Duration.ofDays(14);
    /** How long a {@code .dlt} topic keeps a record that names no patient: time to look, fix and replay. */
    private Duration deadLetterRetention = Duration.ofDays(30);
    /** How long the {@code .dlt} of a topic carrying patient data keeps a record: no longer than the topic itself. */
    private Duration patientDeadLetterRetention = Duration.ofDays(7);
    /**
     * How long the producer keeps trying one record before it reports the send failed; the relay
     * keeps the row and sends it again. Must exceed {@code requestTimeout} (Kafka's own rule).
     */
    private Duration deliveryTimeout = Duration.ofSeconds(30);
    /** One request to the broker, for producer, consumers and admin. */
    private Duration requestTimeout = Duration.ofSeconds(10);
    /** The longest {@code send()} waits for the broker's metadata before it fails (it runs off request threads). */
    private Duration maxBlock = Duration.ofSeconds(5);
    /** Extra client properties, e.g. {@code security.protocol: SSL} and truststore settings in production. */
    private Map<String, String> properties = new HashMap<>();

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public boolean isCreateTopics() {
        return createTopics;
    }

    public void setCreateTopics(boolean createTopics) {
        this.createTopics = createTopics;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Duration getTopicRetention() {
        return topicRetention;
    }

    public void setTopicRetention(Duration topicRetention) {
        this.topicRetention = topicRetention;
    }

    public Duration getDeadLetterRetention() {
        return deadLetterRetention;
    }

    public void setDeadLetterRetention(Duration deadLetterRetention) {
        this.deadLetterRetention = deadLetterRetention;
    }

    public Duration getPatientDeadLetterRetention() {
        return patientDeadLetterRetention;
    }

    public void setPatientDeadLetterRetention(Duration patientDeadLetterRetention) {
        this.patientDeadLetterRetention = patientDeadLetterRetention;
    }

    public Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    public void setDeliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    /** FLAT keeps dotted Kafka keys ({@code security.protocol}) as they are written in the config file. */
    public void setProperties(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> properties) {
        this.properties = properties;
    }

    /** Common client properties: bootstrap servers plus the operator's extras. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
