package app.rapport.outreach.web;

import app.rapport.outreach.domain.Gift;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record GiftView(String id, String practitionerId, @Nullable String taskId, String kind,
                       @Nullable String description, Requests.Money value, String givenOn, int year,
                       String recordedBy, @Nullable String reason, @Nullable String reversedOn,
                       @Nullable String reversalReason) {

    public static GiftView of(Gift g) {
        return g == null ? null : new GiftView(g.id(), g.practitionerId(), g.taskId(), g.kind().name(),
                g.description(), new Requests.Money(g.amount().toPlainString(), g.currency()), g.givenOn().toString(),
                g.year(), g.recordedBy(), g.reason(), g.reversedOn() == null ? null : g.reversedOn().toString(),
                g.reversalReason());
    }
}
