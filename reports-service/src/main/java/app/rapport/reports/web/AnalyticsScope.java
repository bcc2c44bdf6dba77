package app.rapport.reports.web;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.tenancy.ClinicIds;
import app.rapport.platform.web.ProblemException;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Which clinics an analytics request may read (ADR 0401). Everyone reads their own clinic. A
 * {@code group-admin} asking {@code ?scope=group} reads the clinics listed in the token's
 * {@code clinics} claim plus their own; anyone else asking for the group is refused, whatever
 * their token lists.
 */
public final class AnalyticsScope {

    public static final String CLINICS_CLAIM = "clinics";

    private AnalyticsScope() {
    }

    public static List<String> clinics(Caller caller, Authentication auth, String scope) {
        if (scope == null || scope.equals("clinic")) {
            return List.of(caller.clinicId());
        }
        if (!scope.equals("group")) {
            throw ProblemException.invalidField("scope", "must be clinic or group");
        }
        if (!caller.hasRole(Roles.GROUP_ADMIN)) {
            throw ProblemException.forbidden("Group roll-ups are for group-admin only");
        }
        TreeSet<String> clinics = new TreeSet<>();
        clinics.add(caller.clinicId());
        if (auth.getAttributes().get(CLINICS_CLAIM) instanceof Collection<?> listed) {
            for (Object c : listed) {
                if (c instanceof String id && ClinicIds.isValid(id)) {
                    clinics.add(id);
                }
            }
        }
        return List.copyOf(clinics);
    }
}
