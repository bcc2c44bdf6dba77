package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every plugin each service loaded, with the clinic's switch for it. Switching one off is the
 * service's own setting ({@code PUT /api/v1/plugins/{name}}), applied there from the next use on.
 */
@Controller(value = "/settings/plugins", produces = MediaType.TEXT_HTML)
public class PluginSettingsController {

    private final ServiceClient services;
    private final Pages pages;
    private final OnceOnly onceOnly;
    private final Parallel parallel;

    public PluginSettingsController(ServiceClient services, Pages pages, OnceOnly onceOnly, Parallel parallel) {
        this.services = services;
        this.pages = pages;
        this.onceOnly = onceOnly;
        this.parallel = parallel;
    }

    /** One service's plugins; no service loads anywhere near a page's limit of them. */
    static Doc plugins(ServiceClient services, StaffSession session, Service service) {
        return services.get(session, service, "/api/v1/plugins", Map.of("size", 200));
    }

    /** {@code contacts} for contacts-service: the path segment of a plugin's switch. */
    public static String slug(Service service) {
        return service.name().toLowerCase(Locale.ROOT);
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, StaffSession session) {
        Map<Service, CompletableFuture<Section<Doc>>> loading = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            loading.put(service, Section.start(parallel, () -> plugins(services, session, service)));
        }
        Map<Service, Section<Doc>> loaded = new LinkedHashMap<>();
        loading.forEach((service, f) -> loaded.put(service, f.join()));
        return pages.page(request, session, "settings-plugins", "Plugins", "settings",
                Map.of("plugins", loaded, "form", FormState.empty()));
    }

    @Post(value = "/{service}/{name}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> toggle(StaffSession session, @PathVariable String service, @PathVariable String name,
                                  @Body Map<String, String> form) {
        Service target;
        try {
            target = Service.valueOf(service.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return pages.redirect("/settings/plugins", "There is no service " + service + ".");
        }
        boolean on = "true".equals(form.get("enabled"));
        String back = "/settings/plugins#" + slug(target);
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, target, "/api/v1/plugins/" + name, Map.of("enabled", on));
                return back;
            });
            return pages.redirect(back, Forms.words(name.replace('-', '_')) + " switched " + (on ? "on" : "off")
                    + " for this clinic");
        } catch (ServiceProblem problem) {
            return pages.redirect(back, problem.summary());
        }
    }
}
