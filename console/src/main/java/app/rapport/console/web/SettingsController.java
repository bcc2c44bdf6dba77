package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
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
import io.micronaut.http.annotation.Post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Settings: an overview of what the clinic has set (its profile and packet, its wording, its
 * plugins, its weekly goal) with a page for each, and the weekly goal's own form. Every setting
 * belongs to a service, which also decides who may change it.
 */
@Controller(value = "/settings", produces = MediaType.TEXT_HTML)
public class SettingsController {

    private final ServiceClient services;
    private final Pages pages;
    private final OnceOnly onceOnly;
    private final Parallel parallel;

    public SettingsController(ServiceClient services, Pages pages, OnceOnly onceOnly, Parallel parallel) {
        this.services = services;
        this.pages = pages;
        this.onceOnly = onceOnly;
        this.parallel = parallel;
    }

    @Get
    public HttpResponse<?> overview(HttpRequest<?> request, StaffSession session) {
        var profile = Section.start(parallel, () -> ClinicProfileSettingsController.profileOrEmpty(services, session));
        Map<String, CompletableFuture<Section<Doc>>> wording = new LinkedHashMap<>();
        for (String kind : WordingSettingsController.KINDS) {
            wording.put(kind, Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/templates/" + kind)));
        }
        Map<Service, CompletableFuture<Section<Doc>>> plugins = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            plugins.put(service, Section.start(parallel, () -> PluginSettingsController.plugins(services, session, service)));
        }
        var goal = Section.start(parallel, () -> services.get(session, Service.OUTREACH, "/api/v1/goals/weekly"));

        Map<String, Section<Doc>> templates = new LinkedHashMap<>();
        wording.forEach((kind, f) -> templates.put(kind, f.join()));
        Map<Service, Section<Doc>> loaded = new LinkedHashMap<>();
        plugins.forEach((service, f) -> loaded.put(service, f.join()));
        return pages.page(request, session, "settings", "Settings", "settings", Map.of(
                "profile", profile.join(), "templates", templates, "plugins", loaded, "goal", goal.join()));
    }

    @Get("/goal")
    public HttpResponse<?> goal(HttpRequest<?> request, StaffSession session) {
        Section<Doc> goal = Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/goals/weekly"));
        Map<String, String> values = goal.ok() ? Map.of("target", goal.value().str("target")) : Map.of();
        return goalPage(request, session, HttpStatus.OK, goal, FormState.of(values));
    }

    @Post(value = "/goal", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> setGoal(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, Service.OUTREACH, "/api/v1/goals/weekly", java.util.Collections.singletonMap("target", number(form.get("target"))));
                return "/settings/goal";
            });
            return pages.redirect("/settings/goal", "Weekly goal saved");
        } catch (ServiceProblem problem) {
            Section<Doc> goal = Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/goals/weekly"));
            return goalPage(request, session, ProblemPages.statusOf(problem), goal, FormState.refused(form, problem));
        }
    }

    private HttpResponse<?> goalPage(HttpRequest<?> request, StaffSession session, HttpStatus status, Section<Doc> goal,
                                     FormState form) {
        return pages.render(status, request, session, "settings-goal", "Weekly goal", "settings",
                Map.of("goal", goal, "form", form, "outside", form.errorsOutside(List.of("target"))));
    }

    /** A whole number as JSON; anything else as typed, for outreach-service to name at the field. */
    private static Object number(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.matches("-?\\d{1,9}")) {
            return Integer.valueOf(s);
        }
        return s.isEmpty() ? null : s;
    }

}
