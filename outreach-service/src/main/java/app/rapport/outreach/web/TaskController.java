package app.rapport.outreach.web;

import app.rapport.outreach.domain.GiftKind;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskBook;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.Delivery;
import app.rapport.outreach.repository.TaskLists;
import app.rapport.platform.persistence.Lists;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import app.rapport.platform.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

@Controller("/api/v1/tasks")
// Reading: whoever works the clinic's referrals and the group's administrators. Acting on a task (gifts,
// e-mails to partners) is for the people who do outreach; ops run the service and keep out (docs/roles.md).
@Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
@Tag(name = "Tasks")
public class TaskController {

    private final TaskBook book;
    private final Lists lists;
    private final Clock clock;

    public TaskController(TaskBook book, Lists lists, Clock clock) {
        this.book = book;
        this.lists = lists;
        this.clock = clock;
    }

    @Get
    @Operation(summary = "The clinic's outreach tasks, by due date; filter by type, status, partner, due by a day, overdue")
    public Page<TaskView> list(Caller caller, @Nullable @QueryValue String type, @Nullable @QueryValue String status,
                               @Nullable @QueryValue String practitionerId, @Nullable @QueryValue String due,
                               @Nullable @QueryValue Boolean overdue, @Valid @RequestBean PageQuery paging) {
        Instant now = clock.instant();
        LocalDate today = book.today(caller.clinicId(), now);
        return lists.page(TaskLists.search(caller.clinicId(), Params.enumValue("type", type, TaskType.class),
                Params.enumValue("status", status, TaskStatus.class), Params.uuid("practitionerId", practitionerId),
                Params.date("due", due), Boolean.TRUE.equals(overdue) ? today : null), OutreachTask.class, paging)
                .map(t -> TaskView.of(t, today));
    }

    @Get("/{id}")
    @Operation(summary = "One task")
    public HttpResponse<TaskView> read(Caller caller, @PathVariable String id) {
        return view(caller, book.get(caller.clinicId(), id));
    }

    @Post("/{id}/complete")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "Mark a task done with what was done (and the channel used, if not the planned one)")
    public HttpResponse<TaskView> complete(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                           @Valid @Body Requests.Complete body) {
        OutreachChannel channel = Params.enumValue("channel", body.channel(), OutreachChannel.class);
        return view(caller, book.complete(caller.clinicId(), id, ifMatch, body.outcome(), channel, clock.instant()));
    }

    @Post("/{id}/skip")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "Skip a task, saying why (also how a proposed gesture is declined)")
    public HttpResponse<TaskView> skip(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                       @Valid @Body Requests.Skip body) {
        return view(caller, book.skip(caller.clinicId(), id, ifMatch, body.reason(), clock.instant()));
    }

    @Post("/{id}/decline")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "The prospect declined an invitation: the task is done and the offer's gift comes off the "
            + "ledger (GiftReversed)")
    public HttpResponse<TaskView> decline(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                          @Valid @Body Requests.Skip body) {
        return view(caller, book.decline(caller.clinicId(), id, ifMatch, body.reason(), clock.instant()));
    }

    @Post("/{id}/reschedule")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "Move a task's due date")
    public HttpResponse<TaskView> reschedule(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                             @Valid @Body Requests.Reschedule body) {
        return view(caller, book.reschedule(caller.clinicId(), id, ifMatch, Params.date("dueOn", body.dueOn()), body.reason(),
                clock.instant()));
    }

    @Post("/{id}/approve")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "Approve a proposed gesture: the gift is checked against the yearly cap and recorded; "
            + "a refusal is a 422 with the reason and the remaining allowance")
    public HttpResponse<Approved> approve(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                          @Valid @Body Requests.Approve body) {
        GiftKind kind = Params.enumValue("kind", body.kind(), GiftKind.class);
        var approval = book.approve(caller.clinicId(), id, ifMatch, kind, body.description(), amount(body.value()),
                body.value().currency(), Params.date("givenOn", body.givenOn()), body.reason(), caller.user(),
                clock.instant());
        return Versions.tagged(HttpResponse.ok(new Approved(taskView(caller, approval.task()), GiftView.of(approval.gift()))),
                approval.task().getVersion());
    }

    @Post("/{id}/deliver")
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Operation(summary = "Carry a task out on its channel: send the e-mail, prepare the card, give the call script")
    public HttpResponse<DeliveryView> deliver(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        var delivered = book.deliver(caller.clinicId(), id, ifMatch, caller.user(), clock.instant());
        Delivery d = delivered.delivery();
        return Versions.tagged(HttpResponse.ok(new DeliveryView(taskView(caller, delivered.task()), d.summary(), d.script(),
                d.document() == null ? null : "/api/v1/tasks/" + id + "/card.pdf")), delivered.task().getVersion());
    }

    @Get(value = "/{id}/card.pdf", produces = "application/pdf")
    @Operation(summary = "The printable card or letter of a handwritten-note or letter task, to sign and mail")
    public HttpResponse<byte[]> card(Caller caller, @PathVariable String id) {
        Delivery d = book.card(caller.clinicId(), id, caller.user(), clock.instant());
        return HttpResponse.ok(d.document()).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"card-" + id + ".pdf\"");
    }

    static BigDecimal amount(Requests.Money money) {
        return new BigDecimal(money.amount());
    }

    private TaskView taskView(Caller caller, app.rapport.outreach.domain.OutreachTask t) {
        return TaskView.of(t, book.today(caller.clinicId(), clock.instant()));
    }

    /** The task with its version as the ETag, for the next action's If-Match. */
    private HttpResponse<TaskView> view(Caller caller, app.rapport.outreach.domain.OutreachTask t) {
        return Versions.tagged(HttpResponse.ok(taskView(caller, t)), t.getVersion());
    }

    @Serdeable
    public record Approved(TaskView task, GiftView gift) {
    }

    /** @param script what to say, for a call; @param document where the printable card is */
    @Serdeable
    public record DeliveryView(TaskView task, String summary, @Nullable String script, @Nullable String document) {
    }
}
