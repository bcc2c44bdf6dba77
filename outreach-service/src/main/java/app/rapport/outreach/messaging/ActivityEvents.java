package app.rapport.outreach.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The payloads outreach-service publishes on {@code outreach.activities.v1}, shaped exactly as the
 * golden samples in docs/events/samples. Dates are ISO strings, instants RFC 3339 in UTC.
 */
public final class ActivityEvents {

    private ActivityEvents() {
    }

    @Serdeable
    public record TaskCreated(String taskId, String type, String practitionerId, @Nullable String referralId,
                              String channel, String dueOn, String status, @Nullable String rule, String occurredAt) {
    }

    @Serdeable
    public record TaskCompleted(String taskId, String type, String practitionerId, @Nullable String referralId,
                                String channel, String dueOn, String status, String outcome, String occurredAt) {
    }

    @Serdeable
    public record TaskSkipped(String taskId, String type, String practitionerId, @Nullable String referralId,
                              String channel, String dueOn, String status, String reason, String occurredAt) {
    }

    @Serdeable
    public record TaskRescheduled(String taskId, String type, String practitionerId, @Nullable String referralId,
                                  String channel, String previousDueOn, String dueOn, String status,
                                  @Nullable String reason, String occurredAt) {
    }

    @Serdeable
    public record GiftRecorded(String giftId, String practitionerId, @Nullable String taskId, String kind,
                               @Nullable String description, Money value, String givenOn, int year,
                               @Nullable String reason) {
    }

    @Serdeable
    public record GiftReversed(String giftId, String practitionerId, @Nullable String taskId, Money value, int year,
                               String reason, String reversedOn) {
    }

    /** Money on the wire: a decimal string, never a float. */
    @Serdeable
    public record Money(String amount, String currency) {
    }
}
