package app.rapport.contacts.web;

import app.rapport.contacts.domain.Introduction;
import app.rapport.contacts.domain.Practitioner;
import app.rapport.contacts.domain.PractitionerDetails;
import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.contacts.domain.RelationshipStage;
import app.rapport.contacts.domain.Specialty;
import app.rapport.contacts.domain.StageChange;
import app.rapport.contacts.repository.IntroductionRepository;
import app.rapport.contacts.repository.PractitionerLists;
import app.rapport.contacts.repository.PractitionerRepository;
import app.rapport.platform.persistence.Lists;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The clinic's referral-partner directory. Staff write; staff, clinicians and group admins read their own clinic's. */
@Controller("/api/v1/practitioners")
@Tag(name = "Practitioners")
public class PractitionerController {

    private final PractitionerDirectory directory;
    private final PractitionerRepository practitioners;
    private final IntroductionRepository introductions;
    private final PractitionerViews views;
    private final Lists lists;

    public PractitionerController(PractitionerDirectory directory, PractitionerRepository practitioners,
                                  IntroductionRepository introductions, PractitionerViews views,
                                  Lists lists) {
        this.directory = directory;
        this.lists = lists;
        this.practitioners = practitioners;
        this.introductions = introductions;
        this.views = views;
    }

    @Post
    @Secured(Roles.STAFF)
    @Operation(summary = "Enter a partner; a partner with the same NPI, e-mail, phone or fax is a 409 naming the existing record")
    public HttpResponse<PractitionerView> create(Caller caller, @Valid @Body PractitionerDetails body) {
        Practitioner p = directory.register(caller.clinicId(), caller.user(), body);
        return HttpResponse.created(views.one(p), URI.create("/api/v1/practitioners/" + p.getId()));
    }

    @Get
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "Search the directory by specialty, stage, tag and free text (name, organization, notes)")
    public Page<PractitionerView> search(Caller caller, @Nullable @QueryValue Specialty specialty,
                                         @Nullable @QueryValue RelationshipStage stage,
                                         @Nullable @QueryValue @Size(max = 50) String tag,
                                         @Nullable @QueryValue @Size(max = 100) String q,
                                         @Nullable @QueryValue Boolean includeArchived,
                                         @Valid @RequestBean PageQuery paging) {
        var page = lists.page(PractitionerLists.search(caller.clinicId(), Boolean.TRUE.equals(includeArchived),
                specialty == null ? null : specialty.name(), stage == null ? null : stage.name(),
                tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(java.util.Locale.ROOT),
                likePattern(q)), Practitioner.class, paging);
        return page.with(views.all(caller.clinicId(), page.items()));
    }

    @Get("/{id}")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    public HttpResponse<PractitionerView> read(Caller caller, @PathVariable String id) {
        return tagged(practitioners.findByIdAndClinicId(id, caller.clinicId())
                .orElseThrow(() -> ProblemException.notFound("Practitioner", id)));
    }

    @Put("/{id}")
    @Secured(Roles.STAFF)
    @Operation(summary = "Replace a partner's details (not the stage)")
    public HttpResponse<PractitionerView> update(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                                 @Valid @Body PractitionerDetails body) {
        return tagged(directory.update(caller.clinicId(), caller.user(), id, ifMatch, body));
    }

    @Post("/{id}/stage-changes")
    @Secured(Roles.STAFF)
    @Operation(summary = "Move the relationship to another stage, with the reason; kept in the stage history")
    public HttpResponse<PractitionerView> changeStage(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                                      @Valid @Body StageChangeRequest body) {
        return tagged(directory.changeStage(caller.clinicId(), caller.user(), id, ifMatch, body.to(), body.reason()));
    }

    @Get("/{id}/stage-history")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    public List<StageChangeView> stageHistory(Caller caller, @PathVariable String id) {
        return directory.stageHistory(caller.clinicId(), id).stream().map(StageChangeView::of).toList();
    }

    @Post("/{id}/archive")
    @Secured(Roles.STAFF)
    @Operation(summary = "Archive a partner who is no longer active; the history stays")
    public HttpResponse<PractitionerView> archive(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                                  @Valid @Body @Nullable ArchiveRequest body) {
        return tagged(directory.archive(caller.clinicId(), caller.user(), id, ifMatch, body == null ? null : body.reason()));
    }

    @Post("/{id}/restore")
    @Secured(Roles.STAFF)
    @Operation(summary = "Restore an archived partner: the same partner, with their history, in use again")
    public HttpResponse<PractitionerView> restore(Caller caller, @PathVariable String id, @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        return tagged(directory.restore(caller.clinicId(), caller.user(), id, ifMatch));
    }

    @Post("/{id}/introductions")
    @Secured(Roles.STAFF)
    @Operation(summary = "Record that this partner introduced another practitioner: a new one (entered as a PROSPECT) or one already known")
    public HttpResponse<IntroductionView> introduce(Caller caller, @PathVariable String id,
                                                    @Valid @Body IntroductionRequest body) {
        if ((body.practitioner() == null) == (body.practitionerId() == null)) {
            throw ProblemException.invalidField("practitioner",
                    "give either the new practitioner's details or the practitionerId of one already in the directory");
        }
        PractitionerDirectory.IntroducedPractitioner result = directory.recordIntroduction(caller.clinicId(),
                caller.user(), id, body.practitioner(), body.practitionerId(), body.note());
        return HttpResponse.created(IntroductionView.of(result.introduction(), views.one(result.practitioner())),
                URI.create("/api/v1/practitioners/" + result.practitioner().getId()));
    }

    @Get("/{id}/introductions")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The practitioners this partner introduced, newest first")
    public Page<IntroductionView> introductions(Caller caller, @PathVariable String id,
                                                @Valid @RequestBean PageQuery paging) {
        practitioners.findByIdAndClinicId(id, caller.clinicId()).orElseThrow(() -> ProblemException.notFound("Practitioner", id));
        var page = introductions.findByClinicIdAndIntroducedByPractitionerId(caller.clinicId(), id,
                paging.pageable(Sort.of(Sort.Order.desc("recordedAt"), Sort.Order.asc("id"))));
        Map<String, PractitionerView> introduced = views.all(caller.clinicId(), practitioners.findByClinicIdAndIdIn(
                        caller.clinicId(), page.getContent().stream().map(Introduction::practitionerId).toList()))
                .stream().collect(Collectors.toMap(PractitionerView::id, Function.identity()));
        return Page.of(page, i -> IntroductionView.of(i, introduced.get(i.practitionerId())));
    }

    /** The partner with its version as the ETag, for the next change's If-Match. */
    private HttpResponse<PractitionerView> tagged(Practitioner p) {
        return Versions.tagged(HttpResponse.ok(views.one(p)), p.getVersion());
    }

    private static @Nullable String likePattern(@Nullable String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        // The user's % and _ are letters to match, not wildcards.
        return "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Serdeable
    public record StageChangeRequest(@NotNull RelationshipStage to, @Nullable @Size(max = 500) String reason) {
    }

    @Serdeable
    public record ArchiveRequest(@Nullable @Size(max = 500) String reason) {
    }

    /**
     * @param practitioner   the new practitioner's details, entered as a PROSPECT linked to the introducer
     * @param practitionerId or an existing directory entry the partner recommended
     */
    @Serdeable
    public record IntroductionRequest(@Nullable @Valid PractitionerDetails practitioner, @Nullable String practitionerId,
                                      @Nullable @Size(max = 500) String note) {
    }

    @Serdeable
    public record IntroductionView(String id, String introducedByPractitionerId, @Nullable String note,
                                   String recordedBy, Instant recordedAt, PractitionerView practitioner) {
        static IntroductionView of(Introduction i, PractitionerView practitioner) {
            return new IntroductionView(i.id(), i.introducedByPractitionerId(), i.note(), i.recordedBy(), i.recordedAt(),
                    practitioner);
        }
    }

    @Serdeable
    public record StageChangeView(@Nullable RelationshipStage from, RelationshipStage to, @Nullable String reason,
                                  String changedBy, Instant changedAt) {
        static StageChangeView of(StageChange c) {
            return new StageChangeView(c.fromStage(), c.toStage(), c.reason(), c.changedBy(), c.changedAt());
        }
    }
}
