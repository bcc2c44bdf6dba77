package app.rapport.reports.web;

import app.rapport.platform.persistence.Lists;
import app.rapport.platform.plugin.PluginRegistry;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.Disclosure;
import app.rapport.reports.domain.MeasurementLog;
import app.rapport.reports.domain.RecipientRole;
import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportCadence;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportContent;
import app.rapport.reports.domain.ReportDispatch;
import app.rapport.reports.domain.ReportDocuments;
import app.rapport.reports.domain.ReportQueue;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.plugin.ReportRenderer;
import app.rapport.reports.repository.ReportLists;
import app.rapport.reports.repository.ReportRepository;
import app.rapport.reports.web.ReportViews.DisclosureView;
import app.rapport.reports.web.ReportViews.ReportView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

@Controller("/api/v1/reports")
@Tag(name = "Reports")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class ReportController {

    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private final ReportRepository reports;
    private final Lists lists;
    private final ReportQueue queue;
    private final ReportDispatch dispatch;
    private final ReportDocuments documents;
    private final ReportCadence cadence;
    private final List<ReportRenderer> renderers;
    private final PluginRegistry plugins;
    private final ClinicCalendar calendar;
    private final MeasurementLog measurementLog;
    private final Clock clock;

    public ReportController(ReportRepository reports, ReportQueue queue, ReportDispatch dispatch,
                            ReportDocuments documents, ReportCadence cadence, List<ReportRenderer> renderers,
                            PluginRegistry plugins, ClinicCalendar calendar, MeasurementLog measurementLog,
                            Lists lists, Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.lists = lists;
        this.queue = queue;
        this.dispatch = dispatch;
        this.documents = documents;
        this.cadence = cadence;
        this.renderers = renderers;
        this.plugins = plugins;
        this.calendar = calendar;
        this.measurementLog = measurementLog;
    }

    @Serdeable
    public record NewReport(@NotNull @Pattern(regexp = UUID) String referralId, @Nullable RecipientRole recipientRole,
                            @NotNull ReportType type) {
    }

    @Serdeable
    public record SendRequest(@Nullable ReportChannel channel) {
    }

    /** Reports of this clinic, newest first, filtered by referral, status and recipient. */
    @Get("{?referralId,status,practitionerId}")
    public Page<ReportView> list(Caller caller, @Nullable @QueryValue @Pattern(regexp = UUID) String referralId,
                                 @Nullable @QueryValue ReportStatus status,
                                 @Nullable @QueryValue @Pattern(regexp = UUID) String practitionerId,
                                 @Valid @RequestBean PageQuery paging) {
        return lists.page(ReportLists.search(caller.clinicId(), referralId, status, practitionerId), Report.class, paging)
                .map(r -> ReportView.of(r, null));
    }

    /** Progress reports that fell due (every N visits or weeks per the partner) and were not sent. */
    @Get("/overdue{?asOf}")
    public List<ReportCadence.Overdue> overdue(Caller caller, @Nullable @QueryValue LocalDate asOf) {
        return cadence.overdue(caller.clinicId(), asOf == null ? calendar.today(caller.clinicId()) : asOf);
    }

    /** The report with its version as the ETag: the composer sends it back in If-Match when it saves. */
    @Get("/{id}")
    public HttpResponse<ReportView> read(Caller caller, String id) {
        Report r = find(caller, id);
        return Versions.tagged(HttpResponse.ok(view(r)), r.version());
    }

    private ReportView view(Report r) {
        if (r.content() == null) {
            return ReportView.of(r, null);
        }
        ReportContent content = documents.read(r.content());
        return ReportView.of(r, content, documents.measureTable(r, content));
    }

    /** Queues a further report (next PROGRESS, DISCHARGE) on a received referral. */
    @Post
    @Secured(Roles.CLINICIAN)
    public HttpResponse<ReportView> create(Caller caller, @Valid @Body NewReport body) {
        Report r = queue.queueByHand(caller.clinicId(), body.referralId(),
                body.recipientRole() == null ? RecipientRole.REFERRING_PRACTITIONER : body.recipientRole(), body.type());
        return HttpResponse.created(ReportView.of(r, null));
    }

    /**
     * Writes the report's content; possible until it is sent. The body parameter is named
     * {@code body} so a refusal names each field as the client sent it ({@code goals[0].goal},
     * an unknown member by its own name) rather than the whole document.
     */
    @Put("/{id}/content")
    @Secured(Roles.CLINICIAN)
    @Transactional
    public HttpResponse<ReportView> writeContent(Caller caller, String id, @Valid @Body ReportContent body,
                                                 @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        // Locked: a send renders the content as it stands after this save, or this save finds it SENDING.
        Report r = reports.lock(id, caller.clinicId()).orElseThrow(() -> ProblemException.notFound("Report", id));
        if (!r.editable()) {
            throw ProblemException.conflict("Report " + id + " is " + r.status()
                    + "; what was disclosed can no longer change").with("status", r.status().name());
        }
        Versions.check(ifMatch, r.version(), "Report " + id);
        measurementLog.checkContent(caller.clinicId(), r.referralId(), body);
        if (reports.writeContent(id, caller.clinicId(), documents.write(body), clock.instant(), r.version()) != 1) {
            throw Versions.stale("Report " + id, r.version());
        }
        Report updated = find(caller, id);
        return Versions.tagged(HttpResponse.ok(ReportView.of(updated, body, documents.measureTable(updated, body))),
                updated.version());
    }

    /**
     * The report rendered by one of the enabled renderers ({@code pdf}, {@code fhir}). Declares the
     * renderers' media types, so a client asking for {@code application/pdf} is served, not refused with 406.
     */
    @Get(value = "/{id}/render/{format}", produces = {"application/pdf", "application/fhir+json", MediaType.APPLICATION_JSON})
    @Transactional(readOnly = true)
    public HttpResponse<byte[]> render(Caller caller, String id, String format) {
        ReportRenderer renderer = plugins.enabledFor(caller.clinicId(), renderers).stream()
                .filter(r -> r.format().equals(format)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("format", "no enabled renderer for '" + format + "'"));
        byte[] body = renderer.render(documents.assemble(find(caller, id)));
        return HttpResponse.ok(body).contentType(MediaType.of(renderer.mediaType()));
    }

    /** Sends the report on a channel (default: the partner's preference) under a consent valid today. */
    @Post("/{id}/send")
    @Secured(Roles.CLINICIAN)
    public DisclosureView send(Caller caller, String id, @Nullable @Valid @Body SendRequest body) {
        Disclosure d = dispatch.send(caller.clinicId(), caller.user(), id, body == null ? null : body.channel());
        return DisclosureView.of(d);
    }

    /**
     * Staff confirm that a report whose delivery is unconfirmed arrived (the partner has it): SENT.
     * To send it again instead, {@code POST /send} (the e-mail carries the same Message-ID).
     */
    @Post("/{id}/confirm-delivery")
    public HttpResponse<ReportView> confirmDelivery(Caller caller, String id,
                                                    @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        Report r = dispatch.confirmDelivered(caller.clinicId(), id, ifMatch);
        return Versions.tagged(HttpResponse.ok(view(r)), r.version());
    }

    private Report find(Caller caller, String id) {
        return reports.findByIdAndClinicId(id, caller.clinicId()).orElseThrow(() -> ProblemException.notFound("Report", id));
    }
}
