package app.rapport.console.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Optional;

/**
 * What every console answer carries, and what every state-changing request must prove.
 *
 * <ul>
 *   <li>Pages hold patient data: {@code Cache-Control: no-store}, so nothing stays in the
 *       browser's cache or history on a shared front-desk computer; assets may be cached.</li>
 *   <li>A strict Content-Security-Policy on pages: scripts and styles only from the console itself,
 *       no inline script, no framing; a PDF or CSV passed through is only kept from other sites' frames.</li>
 *   <li>POST/PUT/DELETE must come from the console's own pages (Origin, when the browser sends
 *       it, is this host) and carry the session's CSRF token as a form field or header; the
 *       partners' public intake form carries a token signed for its link instead
 *       ({@link IntakeFormTokens}); one that is merely old reaches the form's controller marked
 *       {@link IntakeFormTokens#EXPIRED_FORM}, which sends nothing and shows the form again.</li>
 * </ul>
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class PageSafetyFilter implements HttpServerFilter {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self' %s; frame-ancestors 'none'; base-uri 'none'";

    private static final String INTAKE = "/intake/";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageSafetyFilter.class);

    private final CsrfTokens csrf;
    private final IntakeFormTokens intakeForms;
    private final String formActions;

    public PageSafetyFilter(CsrfTokens csrf, IntakeFormTokens intakeForms,
                            @io.micronaut.context.annotation.Property(name = "micronaut.security.oauth2.clients.rapport.openid.issuer", defaultValue = "") String issuer) {
        this.csrf = csrf;
        this.intakeForms = intakeForms;
        // Sign-out posts to the console, which redirects to the provider: allow the provider's origin.
        this.formActions = origin(issuer);
    }

    @Override
    public int getOrder() {
        // After security has resolved the session, before the controllers.
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!changesState(request.getMethod()) || request.getPath().startsWith("/oauth/")) {
            return Publishers.map(chain.proceed(request), response -> decorate(request, response));
        }
        if (!sameOrigin(request)) {
            if (publicForm(request)) {
                LOG.warn("Intake form refused: posted from another origin ({})",
                        request.getHeaders().get("Origin", String.class).orElse(""));
                return Publishers.just(decorate(request, intakeRefused()));
            }
            return Publishers.just(decorate(request, refused()));
        }
        if (publicForm(request)) {
            // No session to bind a token to: the form's own token, signed for this link, stands in for it.
            String link = request.getPath().substring(INTAKE.length());
            return Mono.fromFuture(CsrfFormField.read(request))
                    .flatMap(token -> switch (intakeForms.check(link, token)) {
                        case VALID -> Mono.from(chain.proceed(request));
                        case EXPIRED -> {
                            // A form this console rendered, left open too long: the office gets its form back
                            // with everything typed and a fresh token, not a dead end; nothing is sent.
                            request.setAttribute(IntakeFormTokens.EXPIRED_FORM, Boolean.TRUE);
                            yield Mono.from(chain.proceed(request));
                        }
                        case FORGED -> {
                            // The link's token stays out of the log; whether a form token came at all says enough.
                            LOG.warn("Intake form refused: {}", token.isPresent() ? "its form token is not valid for this link"
                                    : "it carried no form token");
                            yield Mono.just(intakeRefused());
                        }
                    })
                    .map(response -> decorate(request, response));
        }
        Optional<String> header = request.getHeaders().get(CsrfTokens.HEADER, String.class);
        if (header.isPresent()) {
            return csrf.matches(request, header)
                    ? Publishers.map(chain.proceed(request), response -> decorate(request, response))
                    : Publishers.just(decorate(request, refused()));
        }
        // A plain form (no JavaScript) sends the token as a field: read a copy of the body, and
        // leave the body itself for the controller.
        return Mono.fromFuture(CsrfFormField.read(request))
                .flatMap(token -> csrf.matches(request, token)
                        ? Mono.from(chain.proceed(request))
                        : Mono.just(refused()))
                .map(response -> decorate(request, response));
    }

    private static MutableHttpResponse<?> refused() {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("This form has expired or did not come from this console. Go back, reload the page and try again.");
    }

    private static MutableHttpResponse<?> intakeRefused() {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("This form did not come from the clinic's intake page. Open the link you were given and fill in the form there.");
    }

    /** The partners' intake form ({@code POST /intake/{token}}) is public: no session, so no session-bound token. */
    private static boolean publicForm(HttpRequest<?> request) {
        String path = request.getPath();
        return path.startsWith(INTAKE) && path.indexOf('/', INTAKE.length()) < 0;
    }

    private static boolean sameOrigin(HttpRequest<?> request) {
        Optional<String> origin = request.getHeaders().get("Origin", String.class);
        if (origin.isEmpty() || origin.get().equals("null")) {
            return true;
        }
        String host = request.getHeaders().get("Host", String.class).orElse("");
        try {
            return host.equalsIgnoreCase(URI.create(origin.get()).getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    MutableHttpResponse<?> decorate(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        boolean asset = path.startsWith("/assets/") || path.startsWith("/webjars/");
        if (asset) {
            response.header("Cache-Control", "public, max-age=3600");
        } else {
            response.header("Cache-Control", "no-store");
            response.header("Pragma", "no-cache");
        }
        if (document(response)) {
            // A PDF or CSV is not a page: the page policy (default-src 'none') can stop the browser's own
            // PDF viewer from showing it. It runs no script of ours, so only where it may be framed is kept.
            response.header("Content-Security-Policy", "frame-ancestors 'self'");
            response.header("X-Frame-Options", "SAMEORIGIN");
        } else {
            response.header("Content-Security-Policy", CSP.formatted(formActions));
            response.header("X-Frame-Options", "DENY");
        }
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "same-origin");
        return response;
    }

    private static boolean document(MutableHttpResponse<?> response) {
        return response.getContentType().map(MediaType::getName)
                .map(type -> type.equalsIgnoreCase("application/pdf") || type.equalsIgnoreCase("text/csv"))
                .orElse(false);
    }

    private static boolean changesState(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE
                || method == HttpMethod.PATCH;
    }

    private static String origin(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() == null ? "" : u.getScheme() + "://" + u.getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
