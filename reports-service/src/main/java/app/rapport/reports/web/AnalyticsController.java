package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.config.ReportsSettings;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.ReferralAnalytics;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Referral analytics from this service's read models. Every endpoint answers JSON, or CSV with
 * {@code ?format=csv} or {@code Accept: text/csv}; {@code ?scope=group} rolls up the group's
 * clinics for a group-admin.
 */
@Controller("/api/v1/analytics")
@Tag(name = "Analytics")
@Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class AnalyticsController {

    private static final MediaType CSV = MediaType.of("text/csv");

    private final ReferralAnalytics analytics;
    private final ReportsSettings settings;
    private final ClinicCalendar calendar;

    public AnalyticsController(ReferralAnalytics analytics, ReportsSettings settings, ClinicCalendar calendar) {
        this.analytics = analytics;
        this.settings = settings;
        this.calendar = calendar;
    }

    /** The JSON answer: which clinics were read and the rows ({@code []} when none, never left out). */
    @Serdeable
    public record Table<T>(String report, List<String> clinics, @JsonInclude(JsonInclude.Include.ALWAYS) List<T> rows) {
    }

    /** Referrals received, grouped by {@code source} (partner), {@code specialty} or {@code month} (every month of the range, 0 where none). */
    @Get("/referrals{?by,from,to,scope,format}")
    public HttpResponse<?> referrals(HttpRequest<?> request, Caller caller, Authentication auth,
                                     @Nullable @QueryValue String by, @Nullable @QueryValue LocalDate from,
                                     @Nullable @QueryValue LocalDate to, @Nullable @QueryValue String scope,
                                     @Nullable @QueryValue String format) {
        ReferralAnalytics.GroupBy groupBy;
        try {
            groupBy = ReferralAnalytics.GroupBy.valueOf((by == null ? "source" : by).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("by", "must be source, specialty or month");
        }
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "referrals-by-" + groupBy.name().toLowerCase(Locale.ROOT), clinics,
                ReferralAnalytics.ReferralCount.class, analytics.referrals(clinics, groupBy, start(from), end(from, to)));
    }

    /** Per source: referrals received and how many reached a first visit, and how fast. */
    @Get("/conversion{?from,to,scope,format}")
    public HttpResponse<?> conversion(HttpRequest<?> request, Caller caller, Authentication auth,
                                      @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                      @Nullable @QueryValue String scope, @Nullable @QueryValue String format) {
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "conversion", clinics, ReferralAnalytics.Conversion.class,
                analytics.conversion(clinics, start(from), end(from, to)));
    }

    /** Per source: visits and billed revenue of the patients they referred. */
    @Get("/revenue{?from,to,scope,format}")
    public HttpResponse<?> revenue(HttpRequest<?> request, Caller caller, Authentication auth,
                                   @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                   @Nullable @QueryValue String scope, @Nullable @QueryValue String format) {
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "revenue", clinics, ReferralAnalytics.Revenue.class,
                analytics.revenue(clinics, start(from), end(from, to)));
    }

    /** Per partner: first and last referral, totals received and sent, and the balance, for referrals between from and to. */
    @Get("/partners{?from,to,scope,format}")
    public HttpResponse<?> partners(HttpRequest<?> request, Caller caller, Authentication auth,
                                    @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                    @Nullable @QueryValue String scope, @Nullable @QueryValue String format) {
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "partners", clinics, ReferralAnalytics.Partner.class,
                analytics.partners(clinics, start(from), end(from, to)));
    }

    /** Partners who referred before but not in the last {@code days} days (default: the clinic's setting). */
    @Get("/dormant{?days,asOf,scope,format}")
    public HttpResponse<?> dormant(HttpRequest<?> request, Caller caller, Authentication auth,
                                   @Nullable @QueryValue @Min(1) @Max(3650) Integer days,
                                   @Nullable @QueryValue LocalDate asOf, @Nullable @QueryValue String scope,
                                   @Nullable @QueryValue String format) {
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "dormant", clinics, ReferralAnalytics.Dormant.class,
                analytics.dormant(clinics, asOf == null ? calendar.today(caller.clinicId()) : asOf,
                        days == null ? settings.getDormantAfterDays() : days));
    }

    /** Per partner: business days from a referral received (between from and to) to its thank-you done. */
    @Get("/thank-you-turnaround{?from,to,scope,format}")
    public HttpResponse<?> thankYouTurnaround(HttpRequest<?> request, Caller caller, Authentication auth,
                                              @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                              @Nullable @QueryValue String scope, @Nullable @QueryValue String format) {
        List<String> clinics = AnalyticsScope.clinics(caller, auth, scope);
        return answer(request, format, "thank-you-turnaround", clinics, ReferralAnalytics.ThankYouTurnaround.class,
                analytics.thankYouTurnaround(clinics, start(from), end(from, to)));
    }

    private static LocalDate start(LocalDate from) {
        return from == null ? ReferralAnalytics.OPEN_FROM : from;
    }

    private static LocalDate end(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        return to == null ? ReferralAnalytics.OPEN_TO : to;
    }

    private static <T extends Record> HttpResponse<?> answer(HttpRequest<?> request, String format, String name,
                                                             List<String> clinics, Class<T> type, List<T> rows) {
        boolean csv;
        if (format == null) {
            csv = request.getHeaders().accept().stream().anyMatch(m -> m.getName().equals("text/csv"));
        } else if (format.equals("csv") || format.equals("json")) {
            csv = format.equals("csv");
        } else {
            throw ProblemException.invalidField("format", "must be json or csv");
        }
        if (csv) {
            return HttpResponse.ok(Csv.of(type, rows)).contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"");
        }
        return HttpResponse.ok(new Table<>(name, clinics, rows)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
