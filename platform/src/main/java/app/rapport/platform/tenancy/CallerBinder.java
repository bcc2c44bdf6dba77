package app.rapport.platform.tenancy;

import app.rapport.platform.security.TokenMinter;
import app.rapport.platform.web.ProblemException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Binds {@link Caller} from the verified token; a token without a valid clinic is refused. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "A bearer token is required"));
        Caller caller = of(auth);
        return () -> Optional.of(caller);
    }

    public static Caller of(Authentication auth) {
        Object clinic = auth.getAttributes().get(TokenMinter.CLINIC_CLAIM);
        if (!(clinic instanceof String id) || !ClinicIds.isValid(id)) {
            throw ProblemException.forbidden("The token names no valid clinic (claim 'clinic')");
        }
        Set<String> roles = new HashSet<>(auth.getRoles());
        Object claimed = auth.getAttributes().get(TokenMinter.ROLES_CLAIM);
        if (claimed instanceof Collection<?> c) {
            c.forEach(r -> roles.add(String.valueOf(r)));
        }
        return new Caller(id, auth.getName(), roles);
    }
}
