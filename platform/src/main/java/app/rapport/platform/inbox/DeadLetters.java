package app.rapport.platform.inbox;

import app.rapport.platform.events.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final AtomicLong writeFailures = new AtomicLong();
    /** The records (consumer and partition) whose dead letter is being retried after a failed write. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    /** Test seam: runs before each write and may throw, as a broker refusing the dead-letter topic would. */
    public volatile Runnable beforeWrite = () -> { };

    public DeadLetters(Producer<String, byte[]> producer, Clock clock) {
        this.clock = clock;
        this.producer = producer;
    }

    /**
     * Blocks until the broker has the dead letter, so the original offset may then be committed;
     * waits at most {@code timeout}. A failure is counted and the record stays in
     * {@link #failingWrites()} until a later attempt for it succeeds.
     */
    public void park(String consumer, ConsumerRecord<String, byte[]> record, Throwable error, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        String key = consumer + " " + record.topic() + "-" + record.partition();
        try {
            beforeWrite.run();
            write(consumer, record, error, timeout);
        } catch (InterruptedException e) {
            throw e;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            writeFailures.incrementAndGet();
            failing.add(key);
            throw e;
        }
        failing.remove(key);
        count.incrementAndGet();
    }

    private void write(String consumer, ConsumerRecord<String, byte[]> record, Throwable error, Duration timeout)
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
        add(headers, FAILED_AT, clock.instant().toString());
        producer.send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Dead-letter writes that failed since the process started (each is retried). */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Records held back right now because their dead letter could not be written yet. */
    public int failingWrites() {
        return failing.size();
    }

    /** The consumer gave up on the record it was parking (shutting down): it is no longer held back here. */
    public void abandon(String consumer, ConsumerRecord<String, byte[]> record) {
        failing.remove(consumer + " " + record.topic() + "-" + record.partition());
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
