package app.rapport.outreach.web;

import app.rapport.outreach.domain.InvitationOffer;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskBook;
import app.rapport.platform.tenancy.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import app.rapport.platform.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;

/** Educate by example: invite a prospect to see the clinic's work. */
@Controller("/api/v1/invitations")
@Secured({Roles.STAFF, Roles.CLINICIAN})
@Tag(name = "Invitations")
public class InvitationController {

    private final TaskBook book;
    private final Clock clock;

    public InvitationController(TaskBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    @Post
    @Operation(summary = "Invite a prospect for a free evaluation or with a gift certificate; tracked as an INVITATION "
            + "task until its outcome is recorded. The offer is a gift at its value (required): it goes through the gift "
            + "ledger now and comes off it if the invitation is declined or skipped.")
    public HttpResponse<Issued> invite(Caller caller, @Valid @Body Requests.NewInvitation body) {
        InvitationOffer offer = Params.enumValue("offer", body.offer(), InvitationOffer.class);
        OutreachChannel channel = Params.enumValue("channel", body.channel(), OutreachChannel.class);
        var issued = book.invite(caller.clinicId(), body.practitionerId(), offer, channel,
                Params.date("dueOn", body.dueOn()), body.value() == null ? null : TaskController.amount(body.value()),
                body.value() == null ? null : body.value().currency(), caller.user(), clock.instant());
        return HttpResponse.created(new Issued(TaskView.of(issued.task(), book.today(caller.clinicId(), clock.instant())),
                GiftView.of(issued.gift())));
    }

    @Serdeable
    public record Issued(TaskView task, @Nullable GiftView gift) {
    }
}
