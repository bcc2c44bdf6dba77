package app.rapport.console.web;

import app.rapport.console.security.CsrfTokens;
import app.rapport.console.security.StaffSessionBinder;
import app.rapport.console.services.ServiceProblem;
import app.rapport.console.services.SessionExpired;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Map;

/** How a refusal from a service, or a session the services no longer accept, reaches the person. */
public final class ProblemPages {

    private ProblemPages() {
    }

    /**
     * The provider's token expired or was revoked: end the console session and send the person
     * through sign-in, then back to the page they were on (prior-to-login keeps it).
     */
    @Singleton
    @Produces(MediaType.TEXT_HTML)
    @Requires(classes = SessionExpired.class)
    public static class SessionExpiredHandler implements ExceptionHandler<SessionExpired, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, SessionExpired exception) {
            String back = request.getMethod() == HttpMethod.GET ? request.getUri().toString()
                    : request.getHeaders().get("Referer", String.class).map(ProblemPages::pathOf).orElse("/");
            MutableHttpResponse<?> response = Pages.htmx(request)
                    ? HttpResponse.ok().header("HX-Redirect", back)
                    : HttpResponse.seeOther(URI.create(back));
            return response.cookie(Cookie.of(CsrfTokens.SESSION_COOKIE, "").path("/").maxAge(0));
        }
    }

    /** A refusal no form handled: a page that says what happened and what to do. */
    @Singleton
    @Produces(MediaType.TEXT_HTML)
    public static class ServiceProblemHandler implements ExceptionHandler<ServiceProblem, HttpResponse<?>> {
        private final Pages pages;
        private final StaffSessionBinder sessions;

        public ServiceProblemHandler(Pages pages, StaffSessionBinder sessions) {
            this.pages = pages;
            this.sessions = sessions;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ServiceProblem problem) {
            HttpStatus status = statusOf(problem);
            var session = sessions.sessionOf(request);
            if (session.isEmpty()) {
                return HttpResponse.status(status).body(problem.summary());
            }
            if (Pages.htmx((HttpRequest<?>) request)) {
                // Swapped in where the action was: the message replaces the row's buttons.
                return pages.fragmentNow(request, "refusal", Map.of("message", problem.summary()));
            }
            String title = status == HttpStatus.FORBIDDEN ? "Not allowed for your role"
                    : status == HttpStatus.NOT_FOUND ? "Not found" : "That did not work";
            return pages.renderedNow(status, request, session.get(), "problem", title, "",
                    Map.of("message", problem.summary(), "status", status.getCode()));
        }
    }

    /**
     * The status a page answers with when a service refused: the service's own for "not allowed",
     * "not found" and a conflict, 422 for input it would not take, 502 for anything else (the
     * service failed, not the person).
     */
    public static HttpStatus statusOf(ServiceProblem problem) {
        return switch (problem.status()) {
            case 403 -> HttpStatus.FORBIDDEN;
            case 404 -> HttpStatus.NOT_FOUND;
            case 409 -> HttpStatus.CONFLICT;
            case 400, 413, 422 -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.BAD_GATEWAY;
        };
    }

    static String pathOf(String url) {
        try {
            URI u = URI.create(url);
            return (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
