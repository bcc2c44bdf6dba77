package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;

import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clinic's profile for its partners, and the referral packet contacts-service prints from it,
 * passed through as the service renders it so the preview is the packet partners receive.
 */
@Controller(value = "/settings", produces = MediaType.TEXT_HTML)
public class ClinicProfileSettingsController {

    private final ServiceClient services;
    private final Pages pages;
    private final OnceOnly onceOnly;

    public ClinicProfileSettingsController(ServiceClient services, Pages pages, OnceOnly onceOnly) {
        this.services = services;
        this.pages = pages;
        this.onceOnly = onceOnly;
    }

    /** The profile, or an empty one while the clinic has written none (contacts-service answers 404). */
    static Doc profileOrEmpty(ServiceClient services, StaffSession session) {
        try {
            return services.get(session, Service.CONTACTS, "/api/v1/clinic-profile");
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return Doc.empty();
            }
            throw e;
        }
    }

    @Get("/profile")
    public HttpResponse<?> profile(HttpRequest<?> request, StaffSession session) {
        Section<Doc> profile = Section.load(() -> profileOrEmpty(services, session));
        Map<String, String> values = new LinkedHashMap<>();
        if (profile.ok() && profile.value().has("clinicName")) {
            values.putAll(ClinicProfileForm.valuesOf(profile.value()));
        }
        // Saving replaces the whole profile: no form over one that could not be read.
        return form(request, session, HttpStatus.OK, profile, profile.ok(), FormState.of(values));
    }

    /** contacts-service's PUT replaces the whole profile, so the form carries all of it. */
    @Post(value = "/profile", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> save(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, Service.CONTACTS, "/api/v1/clinic-profile",
                        ClinicProfileForm.body(form, profileOrEmpty(services, session)));
                return "/settings/profile";
            });
            return pages.redirect("/settings/profile", "Clinic profile saved; the referral packet now shows it");
        } catch (ServiceProblem problem) {
            // The form again from what was posted, whether or not the profile can be read now: it
            // holds the whole profile as typed, and a service that is down must not cost it.
            Section<Doc> profile = Section.load(() -> profileOrEmpty(services, session));
            return form(request, session, ProblemPages.statusOf(problem), profile, true, FormState.refused(form, problem));
        }
    }

    /**
     * A new logo for the letterhead, uploaded on its own (a file cannot ride in the profile's plain
     * form): the saved profile goes back with it. contacts-service checks the bytes and the size.
     */
    @Post(value = "/profile/logo", consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> uploadLogo(HttpRequest<?> request, StaffSession session, CompletedFileUpload logo,
                                      @Nullable @Part("_form") String formId) {
        Section<Doc> saved = Section.load(() -> profileOrEmpty(services, session));
        if (!saved.ok() || !saved.value().has("clinicName")) {
            return pages.redirect("/settings/profile", saved.ok() ? "Save the clinic profile first, then add its logo"
                    : saved.unavailable());
        }
        String mediaType = logo.getContentType().map(MediaType::getName).orElse("");
        Map<String, String> values = ClinicProfileForm.valuesOf(saved.value());
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(logo.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            onceOnly.run(session.user().username(), formId, () -> {
                Map<String, Object> body = ClinicProfileForm.body(values);
                body.put("logo", Map.of("mediaType", mediaType, "base64", base64));
                services.put(session, Service.CONTACTS, "/api/v1/clinic-profile", body);
                return "/settings/profile";
            });
            return pages.redirect("/settings/profile", "Logo saved; letters and reports now carry it");
        } catch (ServiceProblem problem) {
            return form(request, session, ProblemPages.statusOf(problem), saved, true, FormState.refused(values, problem));
        }
    }

    /** The saved logo, for the profile page to show what letters carry. */
    @Get(value = "/profile/logo", produces = {"image/png", "image/jpeg"})
    public HttpResponse<byte[]> logo(StaffSession session) {
        Doc profile = profileOrEmpty(services, session);
        if (!profile.has("logo")) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(Base64.getDecoder().decode(profile.str("logo.base64")))
                .contentType(MediaType.of(profile.str("logo.mediaType")));
    }

    @Get(value = "/packet.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> packet(StaffSession session) {
        byte[] pdf = services.bytes(session, Service.CONTACTS, "/api/v1/clinic-profile/packet", "application/pdf");
        return HttpResponse.ok(pdf).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"referral-packet.pdf\"");
    }

    private HttpResponse<?> form(HttpRequest<?> request, StaffSession session, HttpStatus status, Section<Doc> profile,
                                 boolean editable, FormState form) {
        int locations = ClinicProfileForm.locationRows(form);
        // The blank row to add a site starts in the clinic's usual country, like the first one.
        Map<String, String> values = new LinkedHashMap<>(form.values());
        String blankCountry = "locations[" + (locations - 1) + "].address.country";
        if (values.getOrDefault(blankCountry, "").isBlank()) {
            String usual = values.getOrDefault("locations[0].address.country", "");
            values.put(blankCountry, usual.isBlank() ? "US" : usual);
        }
        form = new FormState(values, form.errors(), form.message(), form.formId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("profile", profile);
        model.put("editable", editable);
        model.put("form", form);
        model.put("locations", locations);
        model.put("outside", form.errorsOutside(shownFields(form)));
        return pages.render(status, request, session, "settings-profile", "Clinic profile", "settings", model);
    }

    /** Every input the page shows, so a message for anything else is shown above the form. */
    private static List<String> shownFields(FormState form) {
        List<String> shown = new ArrayList<>(List.of("clinicName", "introduction", "howToRefer", "timeZone"));
        shown.addAll(ClinicProfileForm.LINE_LISTS);
        int locations = ClinicProfileForm.locationRows(form);
        for (int i = 0; i < locations; i++) {
            String at = "locations[" + i + "].";
            for (String f : ClinicProfileForm.LOCATION_FIELDS) {
                shown.add(at + f);
            }
            for (int h = 0; h < ClinicProfileForm.hoursRows(form, i); h++) {
                for (String f : List.of("day", "opens", "closes")) {
                    shown.add(at + "hours[" + h + "]." + f);
                }
            }
        }
        return shown;
    }
}
