package app.rapport.referrals.web;

import app.rapport.platform.persistence.ListQuery;
import app.rapport.platform.persistence.Lists;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import app.rapport.referrals.domain.Channel;
import app.rapport.referrals.domain.DiagnosisCodes;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Kind;
import app.rapport.referrals.domain.NameSearch;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralDraft;
import app.rapport.referrals.domain.ReferralLedger;
import app.rapport.referrals.domain.ReferralStateMachine;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.Urgency;
import app.rapport.referrals.repository.ReferralLists;
import app.rapport.referrals.repository.ReferralRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The referral ledger: open a referral, read it, list them, move one along its state machine. */
@Controller("/api/v1/referrals")
@Secured({Roles.STAFF, Roles.CLINICIAN})
@Tag(name = "Referrals")
public class ReferralController {

    private final ReferralLedger ledger;
    private final ReferralRepository referrals;
    private final ReferralViews views;
    private final Lists lists;

    public ReferralController(ReferralLedger ledger, ReferralRepository referrals, ReferralViews views,
                              Lists lists) {
        this.ledger = ledger;
        this.lists = lists;
        this.referrals = referrals;
        this.views = views;
    }

    @Post
    @Operation(summary = "Record a referral received from a partner or sent to one")
    public HttpResponse<ReferralView> open(Caller caller, @Valid @Body ReferralRequests.NewReferral body) {
        if (body.channel() == Channel.WEB_INTAKE) {
            throw ProblemException.invalidField("channel", "WEB_INTAKE is recorded only for referrals a partner submits through an intake link");
        }
        ReferralDraft draft = new ReferralDraft(body.direction(),
                body.kind() == null ? Kind.REFERRAL : body.kind(),
                body.practitionerId(), body.patient().toDetails(), body.reason().trim(),
                DiagnosisCodes.normalise(body.diagnosisCodes(), "diagnosisCodes"),
                ReferralLedger.blank(body.requestedService()) ? null : body.requestedService().trim(),
                body.urgency() == null ? Urgency.ROUTINE : body.urgency(),
                body.channel() == null ? defaultChannel(body.direction()) : body.channel(),
                body.referredOn(),
                body.treatingPractitioner() == null ? null : new ReferralDraft.TreatingPractitioner(
                        body.treatingPractitioner().id(), body.treatingPractitioner().name(),
                        body.treatingPractitioner().credentials()),
                body.primaryCarePractitionerId(),
                body.attachments() == null ? List.of() : body.attachments().stream()
                        .map(a -> new ReferralDraft.AttachmentDetails(a.fileName(), a.contentType(), a.sizeBytes(),
                                a.description())).toList(), null);
        return tagged(HttpResponse.created(views.opened(ledger.open(caller.clinicId(), caller.user(), draft, null))));
    }

    /** The referral's version as its ETag, for the next transition's If-Match. */
    private static HttpResponse<ReferralView> tagged(MutableHttpResponse<ReferralView> response) {
        return Versions.tagged(response, response.body().version());
    }

    @Get("/{id}")
    @Operation(summary = "A referral with its patient, status history and closed loop")
    public HttpResponse<ReferralView> read(Caller caller, @PathVariable String id) {
        return tagged(HttpResponse.ok(views.full(find(caller, id))));
    }

    @Get
    @Operation(summary = "Referrals of the caller's clinic, newest first, filtered by direction, status, partner, date"
            + " and q: a prefix of the patient's or the partner's name (first, last, \"first last\" or \"last, first\"),"
            + " case-insensitive, at most 100 characters")
    public Page<ReferralSummary> list(Caller caller, @Nullable @QueryValue Direction direction,
                                      @Nullable @QueryValue ReferralStatus status,
                                      @Nullable @QueryValue String practitionerId,
                                      @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                      @Nullable @QueryValue @Size(max = NameSearch.MAX_LENGTH) String q,
                                      @Valid @RequestBean PageQuery paging) {
        checkDates(from, to);
        return views.summaries(caller.clinicId(), lists.page(ReferralLists.search(caller.clinicId(),
                direction == null ? null : direction.name(), status == null ? null : status.name(),
                ReferralLedger.blank(practitionerId) ? null : practitionerId, from, to, NameSearch.prefixPattern(q)),
                Referral.class, paging));
    }

    @Get("/status-counts")
    @Operation(summary = "How many of the clinic's referrals are in each status, under the list's filters except status:"
            + " every status the direction has (both directions' without one), zeros included, in course order")
    public Map<ReferralStatus, Long> statusCounts(Caller caller, @Nullable @QueryValue Direction direction,
                                                  @Nullable @QueryValue String practitionerId,
                                                  @Nullable @QueryValue LocalDate from,
                                                  @Nullable @QueryValue LocalDate to,
                                                  @Nullable @QueryValue @Size(max = NameSearch.MAX_LENGTH) String q) {
        checkDates(from, to);
        Map<ReferralStatus, Long> counts = new LinkedHashMap<>();
        ReferralStateMachine.statuses(direction).forEach(s -> counts.put(s, 0L));
        ListQuery scope = ReferralLists.search(caller.clinicId(), direction == null ? null : direction.name(), null,
                ReferralLedger.blank(practitionerId) ? null : practitionerId, from, to, NameSearch.prefixPattern(q));
        for (ReferralRepository.StatusCount c : lists.rows(scope, ReferralLists.statusCounts(scope),
                row -> new ReferralRepository.StatusCount(row.getString(1), row.getLong(2)))) {
            counts.computeIfPresent(ReferralStatus.valueOf(c.status()), (s, zero) -> c.referrals());
        }
        return counts;
    }

    @Post("/{id}/transitions")
    @Operation(summary = "Move a referral to another status; an illegal move is a 409 and changes nothing")
    public HttpResponse<ReferralView> transition(Caller caller, @PathVariable String id,
                                                 @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                                 @Valid @Body ReferralRequests.Transition body) {
        return tagged(HttpResponse.ok(views.full(ledger.transition(caller.clinicId(), id, ifMatch, body.to(), body.reason(),
                body.occurredOn(), caller.user()))));
    }

    private static void checkDates(@Nullable LocalDate from, @Nullable LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
    }

    private Referral find(Caller caller, String id) {
        return referrals.findByIdAndClinicId(id, caller.clinicId())
                .orElseThrow(() -> ProblemException.notFound("Referral", id));
    }

    /** Staff typing a referral in most often took it by phone (received) or e-mailed it (sent). */
    private static Channel defaultChannel(Direction direction) {
        return direction == Direction.RECEIVED ? Channel.PHONE : Channel.EMAIL;
    }
}
