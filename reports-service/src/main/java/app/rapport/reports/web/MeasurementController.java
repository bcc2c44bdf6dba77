package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import app.rapport.reports.domain.Measurement;
import app.rapport.reports.domain.MeasurementLog;
import app.rapport.reports.domain.ObjectiveMeasure;
import app.rapport.reports.repository.MeasurementRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Objective measures taken per visit of a received referral's patient. Staff may enter them too:
 * questionnaire scores (ODI, NDI, PSFS) are often keyed in at the front desk from the patient's form.
 */
@Controller("/api/v1/measurements")
@Tag(name = "Measurements")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class MeasurementController {

    private static final String NOT_BLANK = ".*\\S.*";

    private final MeasurementLog log;
    private final MeasurementRepository measurements;

    public MeasurementController(MeasurementLog log, MeasurementRepository measurements) {
        this.log = log;
        this.measurements = measurements;
    }

    /**
     * @param measure    a key of the catalogue ({@code GET /api/v1/measurements/catalogue})
     * @param measuredOn between the day the referral was received and today
     * @param measuredBy who took it; absent: the caller
     */
    @Serdeable
    public record NewMeasurement(@NotNull @Pattern(regexp = ReportController.UUID) String referralId,
                                 @NotNull ObjectiveMeasure measure, @NotNull BigDecimal value,
                                 @NotNull LocalDate measuredOn,
                                 @Nullable @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String measuredBy,
                                 @Nullable @Min(1) Integer visitNumber) {
    }

    /** @param measuredBy absent: whoever took the measurement stays recorded */
    @Serdeable
    public record Correction(@NotNull ObjectiveMeasure measure, @NotNull BigDecimal value, @NotNull LocalDate measuredOn,
                             @Nullable @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String measuredBy,
                             @Nullable @Min(1) Integer visitNumber) {
    }

    @Serdeable
    public record MeasurementView(String id, String referralId, ObjectiveMeasure measure, String name, String unit,
                                  BigDecimal value, LocalDate measuredOn, String measuredBy,
                                  @Nullable Integer visitNumber, String recordedBy, Instant recordedAt,
                                  @Nullable String correctedBy, @Nullable Instant correctedAt, long version) {
        static MeasurementView of(Measurement m) {
            return new MeasurementView(m.id(), m.referralId(), m.measure(), m.measure().displayName(), m.measure().ucum(),
                    m.value(), m.measuredOn(), m.measuredBy(), m.visitNumber(), m.recordedBy(), m.recordedAt(),
                    m.correctedBy(), m.correctedAt(), m.version());
        }
    }

    /** A catalogue measure as a form offers it: its range, which way is better and its FHIR code. */
    @Serdeable
    public record CatalogueEntry(ObjectiveMeasure key, String name, String unit, String unitLabel, BigDecimal min,
                                 BigDecimal max, int decimals, boolean lowerIsBetter, String codeSystem, String code) {
        static CatalogueEntry of(ObjectiveMeasure m) {
            return new CatalogueEntry(m, m.displayName(), m.ucum(), m.unitLabel(), m.min(), m.max(), m.decimals(),
                    m.lowerIsBetter(), m.codeSystem(), m.code());
        }
    }

    @Get("/catalogue")
    public List<CatalogueEntry> catalogue() {
        return Arrays.stream(ObjectiveMeasure.values()).map(CatalogueEntry::of).toList();
    }

    /** The referral's measurements in the order they were taken. */
    @Get("{?referralId}")
    public Page<MeasurementView> list(Caller caller, @Nullable @QueryValue @Pattern(regexp = ReportController.UUID) String referralId,
                                      @Valid @RequestBean PageQuery paging) {
        if (referralId == null) {
            throw ProblemException.invalidField("referralId", "is required: the received referral");
        }
        log.receivedReferral(caller.clinicId(), referralId);
        return Page.of(measurements.findByClinicIdAndReferralId(caller.clinicId(), referralId,
                paging.pageable(Sort.of(Sort.Order.asc("measuredOn"), Sort.Order.asc("recordedAt")))), MeasurementView::of);
    }

    @Post
    public HttpResponse<MeasurementView> record(Caller caller, @Valid @Body NewMeasurement body) {
        return HttpResponse.created(MeasurementView.of(log.record(caller.clinicId(), caller.user(), body.referralId(),
                new MeasurementLog.Taken(body.measure(), body.value(), body.measuredOn(), body.measuredBy(), body.visitNumber()))));
    }

    /** Corrects one; {@code If-Match} (its ETag, or {@code version} as listed) makes a stale correction a 412. */
    @Put("/{id}")
    public HttpResponse<MeasurementView> correct(Caller caller, String id, @Valid @Body Correction body,
                                                 @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        Measurement m = log.correct(caller.clinicId(), caller.user(), id,
                new MeasurementLog.Taken(body.measure(), body.value(), body.measuredOn(), body.measuredBy(), body.visitNumber()),
                ifMatch);
        return Versions.tagged(HttpResponse.ok(MeasurementView.of(m)), m.version());
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(Caller caller, String id) {
        log.delete(caller.clinicId(), id);
        return HttpResponse.noContent();
    }
}
