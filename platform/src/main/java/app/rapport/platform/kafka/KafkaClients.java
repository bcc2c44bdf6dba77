package app.rapport.platform.kafka;

import app.rapport.platform.config.ServiceIdentity;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;

/** The Kafka clients of a service, configured once for every service. */
@Factory
public class KafkaClients {

    private final KafkaSettings settings;
    private final ServiceIdentity service;

    public KafkaClients(KafkaSettings settings, ServiceIdentity service) {
        this.settings = settings;
        this.service = service;
    }

    /**
     * The idempotent producer shared by the outbox relay and the dead-letter writer:
     * {@code acks=all} and idempotence keep each partition's order through retries.
     *
     * <p>Its timeouts are chosen so that a broker that is away never holds anything for minutes:
     * {@code send()} blocks at most {@code max.block.ms} for metadata (on the relay's or a
     * consumer's thread, never a request's), and a record is given up after
     * {@code delivery.timeout.ms}; the relay then keeps the outbox row and sends it again.
     */
    @Singleton
    @Bean(preDestroy = "close")
    public Producer<String, byte[]> eventProducer() {
        Map<String, Object> props = settings.clientProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service.name() + "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.getDeliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.getRequestTimeout().toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.getMaxBlock().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    /**
     * Consumer {@code index} of group {@code groupId}; offsets are committed by the caller after each
     * batch of at most {@code maxPollRecords}, which it applies in one transaction.
     *
     * <p>Kafka 4's consumer group protocol (KIP-848, ADR 0014): the broker assigns partitions and
     * moves them one member at a time, so a member joining at start or leaving never stops the
     * others (no eager "stop the world" rebalance, no join/sync rounds before the first poll).
     */
    public Consumer<String, byte[]> newConsumer(String groupId, int index, int maxPollRecords) {
        Map<String, Object> props = settings.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, service.name() + "-" + groupId + "-" + index);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // A batch of 200 events is a few hundred KiB; Kafka's 50 MiB fetch and 1 MiB per partition
        // would let each of a service's fifteen members hold far more than a poll uses, on the heap
        // (ADR 0023). A record larger than these is still fetched, alone.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);
        // A record waiting out a database outage keeps its partition; give it time before a rebalance.
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        // Bounds commitSync() and the group's coordinator look-ups while the broker is away (default 60 s).
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.getDeliveryTimeout().toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.getRequestTimeout().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /** An admin client whose every call gives up after {@code timeout}: for health checks. */
    public Admin newAdmin(Duration timeout) {
        Map<String, Object> props = settings.clientProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, service.name() + "-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}
