package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.web.ReportViews.DisclosureView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** The accounting of disclosures a patient may ask for: every report that left the clinic about them. */
@Controller("/api/v1/disclosures")
@Tag(name = "Disclosures")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class DisclosureController {

    private final DisclosureRepository disclosures;

    public DisclosureController(DisclosureRepository disclosures) {
        this.disclosures = disclosures;
    }

    @Get("{?patient}")
    public Page<DisclosureView> list(Caller caller, @Nullable @QueryValue @Pattern(regexp = ReportController.UUID) String patient,
                                     @Valid @RequestBean PageQuery paging) {
        if (patient == null) {
            throw app.rapport.platform.web.ProblemException.invalidField("patient", "is required: the patient reference");
        }
        return Page.of(disclosures.findByClinicIdAndPatientReference(caller.clinicId(), patient,
                paging.pageable(Sort.of(Sort.Order.desc("disclosedAt")))), DisclosureView::of);
    }
}
