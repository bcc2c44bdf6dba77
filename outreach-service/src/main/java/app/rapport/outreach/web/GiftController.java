package app.rapport.outreach.web;

import app.rapport.outreach.config.OutreachSettings;
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
import app.rapport.platform.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** The gift ledger: every gift per recipient and year, checked before it is recorded. */
@Controller("/api/v1/gifts")
@Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
@Tag(name = "Gift ledger")
public class GiftController {

    private final GiftLedger ledger;
    private final GiftRepository gifts;
    private final TaskBook book;
    private final Clock clock;
    private final OutreachSettings settings;

    public GiftController(GiftLedger ledger, GiftRepository gifts, TaskBook book,
                          Clock clock, OutreachSettings settings) {
        this.settings = settings;
        this.ledger = ledger;
        this.gifts = gifts;
        this.book = book;
        this.clock = clock;
    }

    @Post
    @Secured({Roles.STAFF, Roles.CLINICIAN})
    @Transactional // the ledger checks the cap and records the gift in one transaction (GiftLedger#record)
    @Operation(summary = "Record a gift a person decided on; refused (422, with reason and remaining allowance) "
            + "over the yearly cap or for cash and cash equivalents")
    public HttpResponse<GiftView> record(Caller caller, @Valid @Body Requests.NewGift body) {
        GiftKind kind = Params.enumValue("kind", body.kind(), GiftKind.class);
        Instant now = clock.instant();
        LocalDate givenOn = body.givenOn() == null ? book.today(caller.clinicId(), now) : Params.date("givenOn", body.givenOn());
        var gift = ledger.record(caller.clinicId(), new GiftLedger.GiftRequest(
                body.practitionerId(), kind, body.description(), TaskController.amount(body.value()),
                body.value().currency(), givenOn, null, body.reason()), caller.user(), now);
        return HttpResponse.created(GiftView.of(gift));
    }

    @Get
    @Operation(summary = "The gifts one recipient received in a calendar year; without practitionerId, the whole "
            + "clinic's ledger for the year")
    public Page<GiftView> list(Caller caller, @Nullable @QueryValue String practitionerId, @Nullable @QueryValue Integer year,
                               @Valid @RequestBean PageQuery paging) {
        var pageable = io.micronaut.data.model.Pageable.from(paging.pageNumber(), paging.pageSize());
        if (practitionerId == null || practitionerId.isBlank()) {
            return Page.of(gifts.forClinic(caller.clinicId(), year(caller, year), pageable), GiftView::of);
        }
        return Page.of(gifts.forRecipient(caller.clinicId(), Params.uuid("practitionerId", practitionerId),
                year(caller, year), pageable), GiftView::of);
    }

    @Get("/totals")
    @Operation(summary = "The clinic's gifts in a calendar year: how many, to how many recipients, worth how much")
    public YearTotals totals(Caller caller, @Nullable @QueryValue Integer year) {
        int y = year(caller, year);
        return new YearTotals(y, gifts.clinicCount(caller.clinicId(), y), gifts.clinicRecipients(caller.clinicId(), y),
                new Requests.Money(gifts.clinicTotal(caller.clinicId(), y).setScale(2, java.math.RoundingMode.UNNECESSARY)
                        .toPlainString(), settings.giftCurrency()));
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
    public record YearTotals(int year, long gifts, long recipients, Requests.Money total) {
    }

    @Serdeable
    public record AllowanceView(String practitionerId, int year, boolean physician, Requests.Money annualCap,
                                Requests.Money given, Requests.Money remaining) {
    }
}
