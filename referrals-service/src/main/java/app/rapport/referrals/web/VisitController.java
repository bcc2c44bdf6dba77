package app.rapport.referrals.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.Visit;
import app.rapport.referrals.domain.VisitLog;
import app.rapport.referrals.domain.VisitType;
import app.rapport.referrals.repository.ReferralRepository;
import app.rapport.referrals.repository.VisitRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A referred patient's visits: each one counts toward conversion, visits and revenue per source. */
@Controller("/api/v1/referrals/{id}/visits")
@Secured({Roles.STAFF, Roles.CLINICIAN})
@Tag(name = "Visits")
public class VisitController {

    private final VisitLog log;
    private final VisitRepository visits;
    private final ReferralRepository referrals;

    public VisitController(VisitLog log, VisitRepository visits, ReferralRepository referrals) {
        this.log = log;
        this.visits = visits;
        this.referrals = referrals;
    }

    @Post
    @Operation(summary = "Record a visit; the first visit of a SCHEDULED referral moves it to IN_TREATMENT")
    public HttpResponse<VisitView> record(Caller caller, @PathVariable String id, @Valid @Body NewVisit body) {
        VisitLog.Outcome outcome = log.record(caller.clinicId(), id, new VisitLog.VisitDraft(body.visitDate(),
                body.type(), body.billedAmount() == null ? null : new BigDecimal(body.billedAmount().amount()),
                body.billedAmount() == null ? null : body.billedAmount().currency(), Visit.API, null), caller.user());
        ReferralStatus status = referrals.findByIdAndClinicId(id, caller.clinicId()).orElseThrow().status();
        return HttpResponse.created(VisitView.of(outcome.visit(), status));
    }

    @Get
    @Operation(summary = "The referral's visits in the order they were recorded")
    public Page<VisitView> list(Caller caller, @PathVariable String id, @Valid @RequestBean PageQuery paging) {
        ReferralStatus status = referrals.findByIdAndClinicId(id, caller.clinicId())
                .orElseThrow(() -> ProblemException.notFound("Referral", id)).status();
        List<VisitView> all = visits.findByClinicIdAndReferralIdOrderByVisitNumberAsc(caller.clinicId(), id).stream()
                .map(v -> VisitView.of(v, status)).toList();
        int from = Math.min(all.size(), paging.pageNumber() * paging.pageSize());
        int to = Math.min(all.size(), from + paging.pageSize());
        return new Page<>(all.subList(from, to), paging.pageNumber(), paging.pageSize(), all.size());
    }

    /** Body of {@code POST /api/v1/referrals/{id}/visits}. */
    @Serdeable
    public record NewVisit(@NotNull LocalDate visitDate, @NotNull VisitType type, @Nullable @Valid MoneyBody billedAmount) {
    }

    /** Money as the events carry it: a decimal string, never a float. */
    @Serdeable
    public record MoneyBody(@NotBlank @Pattern(regexp = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,4})?$",
            message = "must be a non-negative decimal string, e.g. 145.00") String amount,
                            @NotBlank @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code, e.g. USD") String currency) {
    }

    @Serdeable
    public record VisitView(String id, String referralId, int visitNumber, LocalDate visitDate, VisitType type,
                            @Nullable MoneyBody billedAmount, String source, String recordedBy, Instant recordedAt,
                            ReferralStatus referralStatus) {
        static VisitView of(Visit v, ReferralStatus status) {
            return new VisitView(v.id(), v.referralId(), v.visitNumber(), v.visitDate(), v.type(),
                    v.billedAmount() == null ? null : new MoneyBody(VisitLog.amount(v.billedAmount()), v.currency()),
                    v.source(), v.recordedBy(),
                    v.recordedAt(), status);
        }
    }
}
