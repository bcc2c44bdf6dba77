package app.rapport.platform.inbox;

import app.rapport.platform.events.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Parks a record that can never be processed on {@code <topic>.dlt}, with the reason in headers. */
@Singleton
public class DeadLetters {

    public static final String ERROR_CLASS = "dlt_error_class";
    public static final String ERROR_MESSAGE = "dlt_error_message";
    public static final String ORIGINAL_TOPIC = "dlt_original_topic";
    public static final String ORIGINAL_PARTITION = "dlt_original_partition";
    public static final String ORIGINAL_OFFSET = "dlt_original_offset";
    public static final String CONSUMER = "dlt_consumer";
    public static final String FAILED_AT = "dlt_failed_at";

    private final Producer<String, byte[]> producer;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Blocks until the broker has the dead letter, so the original offset may then be committed. */
    public void park(String consumer, ConsumerRecord<String, byte[]> record, Throwable error)
            throws InterruptedException, ExecutionException, TimeoutException {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        add(headers, ERROR_CLASS, error.getClass().getName());
        add(headers, ERROR_MESSAGE, truncate(String.valueOf(error.getMessage()), 1000));
        add(headers, ORIGINAL_TOPIC, record.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, CONSUMER, consumer);
        add(headers, FAILED_AT, Instant.now().toString());
        producer.send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                .get(30, TimeUnit.SECONDS);
        count.incrementAndGet();
    }

    /** Dead letters written by this process since it started. */
    public long count() {
        return count.get();
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
