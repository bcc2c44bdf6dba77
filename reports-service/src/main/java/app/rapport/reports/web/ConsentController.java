package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.Versions;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.Consent;
import app.rapport.reports.domain.ConsentLedger;
import app.rapport.reports.domain.ConsentObtainedVia;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.repository.ConsentRepository;
import app.rapport.reports.web.ReportViews.ConsentView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

@Controller("/api/v1/consents")
@Tag(name = "Consents")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class ConsentController {

    private final ConsentLedger ledger;
    private final ConsentRepository consents;
    private final ClinicCalendar calendar;

    public ConsentController(ConsentLedger ledger, ConsentRepository consents, ClinicCalendar calendar) {
        this.ledger = ledger;
        this.consents = consents;
        this.calendar = calendar;
    }

    /**
     * @param practitionerId the recipient the patient allows the clinic to disclose to
     * @param scope          the report types covered
     * @param validFrom      absent: today in the clinic's time zone
     * @param validTo        absent: until revoked
     */
    @Serdeable
    public record NewConsent(@NotNull @Pattern(regexp = ReportController.UUID) String patientReference,
                             @NotNull @Pattern(regexp = ReportController.UUID) String practitionerId,
                             @NotEmpty Set<@NotNull ReportType> scope, @Nullable LocalDate validFrom,
                             @Nullable LocalDate validTo, @NotNull ConsentObtainedVia obtainedVia) {
    }

    @Serdeable
    public record Revocation(@NotBlank @Size(max = 500) String reason) {
    }

    /** Records a patient's consent; reports waiting for it become drafts. */
    @Post
    public HttpResponse<ConsentView> record(Caller caller, @Valid @Body NewConsent body) {
        Consent c = ledger.record(caller.clinicId(), caller.user(), body.patientReference(), body.practitionerId(),
                EnumSet.copyOf(body.scope()), body.validFrom(), body.validTo(), body.obtainedVia());
        return HttpResponse.created(ConsentView.of(c, calendar.today(caller.clinicId())));
    }

    @Get("{?patient}")
    public Page<ConsentView> list(Caller caller, @Nullable @QueryValue @Pattern(regexp = ReportController.UUID) String patient,
                                  @Valid @RequestBean PageQuery paging) {
        if (patient == null) {
            throw app.rapport.platform.web.ProblemException.invalidField("patient", "is required: the patient reference");
        }
        LocalDate today = calendar.today(caller.clinicId());
        return Page.of(consents.findByClinicIdAndPatientReference(caller.clinicId(), patient,
                paging.pageable(Sort.of(Sort.Order.desc("recordedAt")))), c -> ConsentView.of(c, today));
    }

    /** The patient withdrew consent: nothing more is sent under it; unsent drafts wait for consent again. */
    @Post("/{id}/revoke")
    public HttpResponse<ConsentView> revoke(Caller caller, String id, @Valid @Body Revocation body,
                                            @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        Consent c = ledger.revoke(caller.clinicId(), caller.user(), id, body.reason(), ifMatch);
        return Versions.tagged(HttpResponse.ok(ConsentView.of(c, calendar.today(caller.clinicId()))), c.version());
    }
}
