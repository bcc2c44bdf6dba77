package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.StatusUpdate;
import app.rapport.reports.domain.StatusUpdateKind;
import app.rapport.reports.domain.StatusUpdates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The short updates a referral's referrer was (or is being) sent: accepted, scheduled, first visit, declined, completed. */
@Controller("/api/v1/status-updates")
@Tag(name = "Status updates")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class StatusUpdateController {

    private final StatusUpdates updates;

    public StatusUpdateController(StatusUpdates updates) {
        this.updates = updates;
    }

    /**
     * @param reason    the decline reason, for DECLINED only
     * @param lastError why the last delivery attempt failed; a FAILED update is for staff to follow up by hand
     */
    @Serdeable
    public record StatusUpdateView(String id, String referralId, String practitionerId, StatusUpdateKind kind,
                                   StatusUpdate.Status status, @Nullable ReportChannel channel,
                                   @Nullable Instant sentAt, @Nullable String reason, LocalDate occurredOn,
                                   int attempts, @Nullable String lastError, Instant createdAt) {
        static StatusUpdateView of(StatusUpdate u) {
            return new StatusUpdateView(u.id(), u.referralId(), u.practitionerId(), u.kind(), u.status(), u.channel(),
                    u.sentAt(), u.reason(), u.occurredOn(), u.attempts(), u.lastError(), u.createdAt());
        }
    }

    @Get("{?referralId}")
    public Page<StatusUpdateView> list(Caller caller,
                                       @Nullable @QueryValue @Pattern(regexp = ReportController.UUID) String referralId) {
        if (referralId == null) {
            throw ProblemException.invalidField("referralId", "is required: the referral the updates are about");
        }
        List<StatusUpdateView> items = updates.onReferral(caller.clinicId(), referralId).stream()
                .map(StatusUpdateView::of).toList();
        return new Page<>(items, 0, items.size(), items.size());
    }

    /** Staff confirm that an update whose delivery is unconfirmed arrived: SENT. */
    @Post("/{id}/confirm-delivery")
    public StatusUpdateView confirmDelivery(Caller caller, String id) {
        return StatusUpdateView.of(updates.confirmDelivered(caller.clinicId(), id));
    }

    /** Staff send an update whose delivery is unconfirmed again, deliberately (the same Message-ID): PENDING. */
    @Post("/{id}/send-again")
    public StatusUpdateView sendAgain(Caller caller, String id) {
        return StatusUpdateView.of(updates.sendAgain(caller.clinicId(), id));
    }
}
