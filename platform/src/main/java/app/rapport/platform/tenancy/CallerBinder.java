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
import java.util.TreeSet;

/**
 * Binds {@link Caller} from the verified token; a token without a valid clinic is refused.
 *
 * <p>A person who works in several clinics carries them in the token's {@code clinics} claim and
 * names the one they act in with the {@value #CLINIC_HEADER} header (the console's clinic
 * switcher). The header can only choose among clinics the signed token lists (ADR 0402).
 */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    public static final String CLINIC_HEADER = "X-Rapport-Clinic";
    public static final String CLINICS_CLAIM = "clinics";

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "A bearer token is required"));
        Caller caller = of(auth, request.getHeaders().get(CLINIC_HEADER));
        return () -> Optional.of(caller);
    }

    public static Caller of(Authentication auth) {
        return of(auth, null);
    }

    /** The caller acting in {@code chosenClinic} (null or blank: the token's own clinic). */
    public static Caller of(Authentication auth, String chosenClinic) {
        Object clinic = auth.getAttributes().get(TokenMinter.CLINIC_CLAIM);
        if (!(clinic instanceof String id) || !ClinicIds.isValid(id)) {
            throw ProblemException.forbidden("The token names no valid clinic (claim 'clinic')");
        }
        Set<String> roles = new HashSet<>(auth.getRoles());
        Object claimed = auth.getAttributes().get(TokenMinter.ROLES_CLAIM);
        if (claimed instanceof Collection<?> c) {
            c.forEach(r -> roles.add(String.valueOf(r)));
        }
        String acting = id;
        if (chosenClinic != null && !chosenClinic.isBlank() && !chosenClinic.equals(id)) {
            if (!clinicsOf(auth).contains(chosenClinic)) {
                throw ProblemException.forbidden("The token does not list clinic '" + chosenClinic
                        + "' (header " + CLINIC_HEADER + ", claim '" + CLINICS_CLAIM + "')");
            }
            acting = chosenClinic;
        }
        return new Caller(acting, auth.getName(), roles);
    }

    /** The well-formed clinic slugs of the token's {@code clinics} claim (a list, or one string). */
    public static Set<String> clinicsOf(Authentication auth) {
        Set<String> clinics = new TreeSet<>();
        Object listed = auth.getAttributes().get(CLINICS_CLAIM);
        if (listed instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s && ClinicIds.isValid(s)) {
                    clinics.add(s);
                }
            }
        } else if (listed instanceof String s && ClinicIds.isValid(s)) {
            clinics.add(s);
        }
        return clinics;
    }
}
