package app.rapport.referrals.web;

import app.rapport.platform.persistence.Lists;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import app.rapport.referrals.domain.IntakeDoor;
import app.rapport.referrals.domain.IntakeLink;
import app.rapport.referrals.repository.IntakeLinkRepository;
import app.rapport.referrals.repository.ReferralLists;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;

/** Staff issue, list and revoke the links partners' offices use to submit referrals. */
@Controller("/api/v1/intake-links")
@Secured(Roles.STAFF)
@Tag(name = "Intake links")
public class IntakeLinkController {

    private final IntakeDoor door;
    private final IntakeLinkRepository links;
    private final Lists lists;
    private final Clock clock;

    public IntakeLinkController(IntakeDoor door, IntakeLinkRepository links, Lists lists, Clock clock) {
        this.clock = clock;
        this.door = door;
        this.lists = lists;
        this.links = links;
    }

    @Post
    @Operation(summary = "Issue a partner an intake link; the token is in this answer only and cannot be shown again")
    public HttpResponse<IssuedLinkView> issue(Caller caller, @Valid @Body NewIntakeLink body) {
        IntakeDoor.Issued issued = door.issue(caller.clinicId(), caller.user(), body.practitionerId(), body.expiresAt(),
                body.label());
        IntakeLink l = issued.link();
        return HttpResponse.created(new IssuedLinkView(l.id(), l.practitionerId(), l.label(), l.expiresAt(),
                issued.token(), "/api/v1/intake/" + issued.token()));
    }

    @Get
    @Operation(summary = "The clinic's intake links, newest first, without their tokens")
    public Page<IntakeLinkView> list(Caller caller, @Valid @RequestBean PageQuery paging) {
        Instant now = clock.instant();
        return lists.page(ReferralLists.intakeLinks(caller.clinicId()), IntakeLink.class, paging)
                .map(l -> IntakeLinkView.of(l, now));
    }

    @Delete("/{id}")
    @Operation(summary = "Revoke an intake link: its token stops working at once")
    public HttpResponse<IntakeLinkView> revoke(Caller caller, @PathVariable String id,
                                               @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        IntakeLink revoked = door.revoke(caller.clinicId(), id, ifMatch, caller.user());
        return Versions.tagged(HttpResponse.ok(IntakeLinkView.of(revoked, clock.instant())), revoked.version());
    }

    @Get("/{id}")
    @Operation(summary = "One intake link, without its token; its ETag is what a revoke's If-Match names")
    public HttpResponse<IntakeLinkView> read(Caller caller, @PathVariable String id) {
        IntakeLink link = links.findByIdAndClinicId(id, caller.clinicId())
                .orElseThrow(() -> ProblemException.notFound("Intake link", id));
        return Versions.tagged(HttpResponse.ok(IntakeLinkView.of(link, clock.instant())), link.version());
    }

    @Serdeable
    public record NewIntakeLink(@NotBlank @Pattern(regexp = ReferralRequests.UUID, message = "must be a lowercase UUID") String practitionerId,
                                @NotNull Instant expiresAt,
                                @Nullable @Size(max = 200) String label) {
    }

    /** The one answer that carries the token. */
    @Serdeable
    public record IssuedLinkView(String id, String practitionerId, @Nullable String label, Instant expiresAt,
                                 String token, String path) {
    }

    @Serdeable
    public record IntakeLinkView(String id, String practitionerId, @Nullable String label, Instant expiresAt,
                                 String status, @Nullable Instant revokedAt, @Nullable String revokedBy,
                                 String createdBy, Instant createdAt, int submissions,
                                 @Nullable Instant lastSubmittedAt, long version) {
        static IntakeLinkView of(IntakeLink l, Instant now) {
            String status = l.revokedAt() != null ? "REVOKED" : l.expiresAt().isAfter(now) ? "ACTIVE" : "EXPIRED";
            return new IntakeLinkView(l.id(), l.practitionerId(), l.label(), l.expiresAt(), status, l.revokedAt(),
                    l.revokedBy(), l.createdBy(), l.createdAt(), l.submissions(), l.lastSubmittedAt(), l.version());
        }
    }
}
