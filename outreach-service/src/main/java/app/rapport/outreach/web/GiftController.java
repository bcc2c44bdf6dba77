package app.rapport.outreach.web;

import app.rapport.outreach.domain.GiftKind;
import app.rapport.outreach.domain.GiftLedger;
import app.rapport.outreach.domain.TaskBook;
import app.rapport.outreach.repository.GiftRepository;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** The gift ledger: every gift per recipient and year, checked before it is recorded. */
@Controller("/api/v1/gifts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Gift ledger")
public class GiftController {

    private final GiftLedger ledger;
    private final GiftRepository gifts;
    private final TaskBook book;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public GiftController(GiftLedger ledger, GiftRepository gifts, TaskBook book,
                          TransactionOperations<Connection> transactions, Clock clock) {
        this.ledger = ledger;
        this.gifts = gifts;
        this.book = book;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Post
    @Operation(summary = "Record a gift a person decided on; refused (422, with reason and remaining allowance) "
            + "over the yearly cap or for cash and cash equivalents")
    public HttpResponse<GiftView> record(Caller caller, @Valid @Body Requests.NewGift body) {
        GiftKind kind = Params.enumValue("kind", body.kind(), GiftKind.class);
        Instant now = clock.instant();
        LocalDate givenOn = body.givenOn() == null ? book.today(caller.clinicId(), now) : Params.date("givenOn", body.givenOn());
        var gift = transactions.executeWrite(status -> ledger.record(caller.clinicId(), new GiftLedger.GiftRequest(
                body.practitionerId(), kind, body.description(), TaskController.amount(body.value()),
                body.value().currency(), givenOn, null), caller.user(), now));
        return HttpResponse.created(GiftView.of(gift));
    }

    @Get
    @Operation(summary = "The gifts one recipient received in a calendar year")
    public Page<GiftView> list(Caller caller, @QueryValue String practitionerId, @Nullable @QueryValue Integer year,
                               @Valid @RequestBean PageQuery paging) {
        return Page.of(gifts.forRecipient(caller.clinicId(), Params.uuid("practitionerId", practitionerId),
                year(caller, year), io.micronaut.data.model.Pageable.from(paging.pageNumber(), paging.pageSize())),
                GiftView::of);
    }

    @Get("/allowance")
    @Operation(summary = "A recipient's yearly cap, what they received and what remains")
    public AllowanceView allowance(Caller caller, @QueryValue String practitionerId, @Nullable @QueryValue Integer year) {
        var a = ledger.allowance(caller.clinicId(), Params.uuid("practitionerId", practitionerId), year(caller, year));
        return new AllowanceView(a.practitionerId(), a.year(), a.physician(),
                new Requests.Money(a.cap().toPlainString(), a.currency()),
                new Requests.Money(a.given().toPlainString(), a.currency()),
                new Requests.Money(a.remaining().toPlainString(), a.currency()));
    }

    private int year(Caller caller, Integer year) {
        if (year == null) {
            return book.today(caller.clinicId(), clock.instant()).getYear();
        }
        if (year < 2000 || year > 2999) {
            throw ProblemException.invalidField("year", "must be between 2000 and 2999");
        }
        return year;
    }

    @Serdeable
    public record AllowanceView(String practitionerId, int year, boolean physician, Requests.Money annualCap,
                                Requests.Money given, Requests.Money remaining) {
    }
}
