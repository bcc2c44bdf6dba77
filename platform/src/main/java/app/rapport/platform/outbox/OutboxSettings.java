package app.rapport.platform.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code rapport.outbox.*}. */
@ConfigurationProperties("rapport.outbox")
public class OutboxSettings {

    /** How long the relay sleeps with nothing to do; a commit wakes it at once, so this is only the fallback. */
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 500;
    /** Published rows are kept this long for inspection, then deleted. */
    private Duration retention = Duration.ofDays(7);
    /**
     * Relayed rows of a topic that carries patient data (Topics.CARRYING_PATIENT_DATA) are deleted
     * after this, sooner than the rest: once on the broker they are no use to anyone here.
     */
    private Duration patientDataRetention = Duration.ofDays(1);
    private boolean relayEnabled = true;

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getPatientDataRetention() {
        return patientDataRetention;
    }

    public void setPatientDataRetention(Duration patientDataRetention) {
        this.patientDataRetention = patientDataRetention;
    }

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }
}
