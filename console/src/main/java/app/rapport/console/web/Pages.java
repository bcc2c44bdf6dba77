package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.core.io.Writable;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.views.ViewsRendererLocator;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders pages inside the layout, and carries a notice across the redirect after a form. */
@Singleton
public class Pages {

    static final String NOTICE_COOKIE = "RAPPORT_NOTICE";

    private final boolean devInbox;
    private final ViewsRendererLocator views;

    public Pages(Environment environment, @Property(name = "rapport.console.dev-mail-api", defaultValue = "") String mailApi,
                 ViewsRendererLocator views) {
        this.devInbox = environment.getActiveNames().contains("local") && !mailApi.isBlank();
        this.views = views;
    }

    public boolean devInbox() {
        return devInbox;
    }

    public PageFrame frame(HttpRequest<?> request, StaffSession session, String title, String section) {
        String notice = request.getCookies().findCookie(NOTICE_COOKIE).map(Cookie::getValue)
                .map(v -> java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)).orElse("");
        return new PageFrame(session, title, section, notice, devInbox);
    }

    /** A full page: {@code views/pages/<name>.jte} with {@code frame} and the given parameters. */
    public MutableHttpResponse<?> page(HttpRequest<?> request, StaffSession session, String view, String title,
                                       String section, Map<String, Object> model) {
        return render(HttpStatus.OK, request, session, view, title, section, model);
    }

    public MutableHttpResponse<?> render(HttpStatus status, HttpRequest<?> request, StaffSession session, String view,
                                         String title, String section, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("frame", frame(request, session, title, section));
        MutableHttpResponse<Object> response = HttpResponse.status(status).body(new ModelAndView<>("pages/" + view, all));
        if (request.getCookies().findCookie(NOTICE_COOKIE).isPresent()) {
            response.cookie(Cookie.of(NOTICE_COOKIE, "").path("/").maxAge(0));
        }
        return response;
    }

    /**
     * The same page rendered here, for an exception handler: the views filter renders what
     * controllers return, but a handler's {@code ModelAndView} would reach the encoder unrendered
     * (a 500 "no encoder for text/html" instead of the page).
     */
    public MutableHttpResponse<?> renderedNow(HttpStatus status, HttpRequest<?> request, StaffSession session, String view,
                                              String title, String section, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("frame", frame(request, session, title, section));
        MutableHttpResponse<Writable> response = HttpResponse.status(status).body(write("pages/" + view, all, request));
        response.contentType(MediaType.TEXT_HTML_TYPE);
        if (request.getCookies().findCookie(NOTICE_COOKIE).isPresent()) {
            response.cookie(Cookie.of(NOTICE_COOKIE, "").path("/").maxAge(0));
        }
        return response;
    }

    /** A fragment rendered here, for an exception handler answering htmx (see {@link #renderedNow}). */
    public MutableHttpResponse<?> fragmentNow(HttpRequest<?> request, String component, Map<String, Object> model) {
        return HttpResponse.ok(write("components/" + component, model, request)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Writable write(String view, Map<String, Object> model, HttpRequest<?> request) {
        ViewsRenderer renderer = views.resolveViewsRenderer(view, MediaType.TEXT_HTML, model)
                .orElseThrow(() -> new IllegalStateException("No renderer for view " + view));
        return renderer.render(view, model, request);
    }

    /**
     * The one record a page is about could not be shown: not found (or another clinic's, which
     * the services answer alike), not for this role, or its service down.
     */
    public MutableHttpResponse<?> recordUnavailable(HttpRequest<?> request, StaffSession session,
                                                    app.rapport.console.services.ServiceProblem problem,
                                                    String noun, String section) {
        HttpStatus status = ProblemPages.statusOf(problem);
        String capitalised = Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        String title = status == HttpStatus.NOT_FOUND ? capitalised + " not found"
                : status == HttpStatus.FORBIDDEN ? "Not allowed for your role" : capitalised + " not available";
        String message = status == HttpStatus.NOT_FOUND
                ? "There is no such " + noun + " in this clinic. It may belong to another clinic, or the link is wrong."
                : problem.summary();
        return render(status, request, session, "problem", title, section,
                Map.of("message", message, "status", status.getCode()));
    }

    /** A piece of a page for htmx to swap in: {@code views/components/<name>.jte}. */
    public MutableHttpResponse<?> fragment(String component, Map<String, Object> model) {
        return HttpResponse.ok(new ModelAndView<>("components/" + component, model));
    }

    /** Post/redirect/get: the browser lands on {@code location} and sees {@code notice} once. */
    public MutableHttpResponse<?> redirect(String location, String notice) {
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(location));
        if (notice != null && !notice.isBlank()) {
            response.cookie(Cookie.of(NOTICE_COOKIE, URLEncoder.encode(notice, StandardCharsets.UTF_8))
                    .path("/").httpOnly(true).maxAge(Duration.ofMinutes(1)).sameSite(io.micronaut.http.cookie.SameSite.Strict));
        }
        return response;
    }

    public static boolean htmx(HttpRequest<?> request) {
        return request.getHeaders().contains("HX-Request");
    }
}
