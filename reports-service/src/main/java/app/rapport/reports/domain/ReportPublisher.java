package app.rapport.reports.domain;

import java.time.Instant;
import java.util.List;

/**
 * What reports-service announces to the other services, inside the transaction that made the
 * change. The events are built in {@code messaging/} (OutboxReportPublisher) from the state given
 * here, so the domain knows its reports, not the wire format.
 */
public interface ReportPublisher {

    /** ReportQueued for each of {@code reports}, recorded together (one outbox statement). */
    void queued(List<Report> reports, Instant at);

    void sent(Report report, ReportChannel channel, String consentId, Instant at);

    void statusUpdateSent(StatusUpdate update, ReportChannel channel, Instant at);
}
