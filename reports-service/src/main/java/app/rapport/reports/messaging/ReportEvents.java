package app.rapport.reports.messaging;

import io.micronaut.serde.annotation.Serdeable;

/** What this service publishes on reports.reports.v1; shapes fixed by docs/asyncapi.yaml. No patient data. */
public final class ReportEvents {

    private ReportEvents() {
    }

    @Serdeable
    public record ReportQueued(String reportId, String referralId, String practitionerId, String recipientRole,
                               String type, String status, String queuedAt) {
    }

    @Serdeable
    public record ReportSent(String reportId, String referralId, String practitionerId, String recipientRole,
                             String type, String status, String sentAt, String channel, String consentId) {
    }

    /** No patient data, no clinical detail; key: the update id. */
    @Serdeable
    public record StatusUpdateSent(String updateId, String referralId, String practitionerId, String update,
                                   String channel, String sentAt) {
    }
}
