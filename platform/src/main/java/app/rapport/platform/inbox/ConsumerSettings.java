package app.rapport.platform.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code rapport.consumers.*}. */
@ConfigurationProperties("rapport.consumers")
public class ConsumerSettings {

    private boolean enabled = true;
    /**
     * Consumers per handler, each with a share of the partitions (topics have 6 by default); 0
     * (the default) takes one per two cores the JVM sees, at least 1 and at most 3. A service has
     * a handler per topic it reads, so even one member each applies several batches at once; a
     * second member of the same handler, on a 2-core host, cost more than it brought: its share
     * is handed over from the member that joined first, which held readiness back 1.1–1.8 s at
     * every start, while the drain measured alike with one member and with two, within the
     * machine's run-to-run drift (ADR 0024). 2 and 3 both split 6 partitions evenly.
     */
    private int concurrency = 0;
    /** Records per poll, and so at most per transaction (Kafka's max.poll.records). */
    private int batchSize = 200;
    /** How often a consumer logs what it applied (at INFO, only when it applied something). */
    private Duration summaryEvery = Duration.ofSeconds(30);
    /** Attempts for a failure that is neither transient nor known poison, before the dead-letter topic. */
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(10);
    /**
     * TEST-ONLY fault injection, empty (off) by default: when set, a consumer thread dies with an
     * Error the first time it meets each event whose payload contains this text, so system tests
     * can watch a dead consumer be restarted. Never set it in a real environment.
     */
    private String testFaultMarker = "";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getConcurrency() {
        return concurrency > 0 ? concurrency : membersFor(Runtime.getRuntime().availableProcessors());
    }

    /** The default members per handler on a host with {@code cores} cores. */
    static int membersFor(int cores) {
        return Math.max(1, Math.min(3, cores / 2));
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = Math.max(0, concurrency);
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    public Duration getSummaryEvery() {
        return summaryEvery;
    }

    public void setSummaryEvery(Duration summaryEvery) {
        this.summaryEvery = summaryEvery;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public String getTestFaultMarker() {
        return testFaultMarker;
    }

    public void setTestFaultMarker(String testFaultMarker) {
        this.testFaultMarker = testFaultMarker;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }
}
