package app.rapport.console.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Binds {@link StaffSession} for page controllers from the session cookie and the clinic cookie. */
@Singleton
public class StaffSessionBinder implements TypedRequestArgumentBinder<StaffSession> {

    /** Which of the person's clinics they act in; not a secret: the services check it against the token. */
    public static final String CLINIC_COOKIE = "RAPPORT_CLINIC";

    private final CsrfTokens csrf;

    public StaffSessionBinder(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    @Override
    public Argument<StaffSession> argumentType() {
        return Argument.of(StaffSession.class);
    }

    @Override
    public BindingResult<StaffSession> bind(ArgumentConversionContext<StaffSession> context, HttpRequest<?> request) {
        Optional<StaffSession> session = sessionOf(request);
        return session.isEmpty() ? BindingResult.unsatisfied() : () -> session;
    }

    public Optional<StaffSession> sessionOf(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).map(auth -> {
            SignedInUser user = SignedInUser.of(auth);
            String chosen = request.getCookies().findCookie(CLINIC_COOKIE).map(Cookie::getValue).orElse(null);
            return new StaffSession(user, user.actingClinic(chosen), csrf.tokenFor(request));
        });
    }
}
