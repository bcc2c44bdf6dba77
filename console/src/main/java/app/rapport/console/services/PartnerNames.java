package app.rapport.console.services;

import app.rapport.console.security.StaffSession;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Names for the partners a page mentions by id (tasks, reports and analytics carry only the id):
 * looked up in the clinic's directory, in parallel, once per page.
 */
@Singleton
public class PartnerNames {

    private final ServiceClient services;
    private final Parallel parallel;

    public PartnerNames(ServiceClient services, Parallel parallel) {
        this.services = services;
        this.parallel = parallel;
    }

    /** id → the partner's document from contacts-service; an id the directory does not know maps to an empty doc. */
    public Map<String, Doc> lookup(StaffSession session, Collection<String> ids) {
        Map<String, CompletableFuture<Doc>> pending = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (id != null && !id.isBlank()) {
                pending.put(id, parallel.start(() -> {
                    try {
                        return services.get(session, Service.CONTACTS, "/api/v1/practitioners/" + id);
                    } catch (ServiceProblem e) {
                        return Doc.empty();
                    }
                }));
            }
        }
        Map<String, Doc> out = new LinkedHashMap<>();
        pending.forEach((id, f) -> out.put(id, f.join()));
        return out;
    }

    public static String displayName(Doc partner) {
        if (partner.asMap().isEmpty()) {
            return "Unknown partner";
        }
        String name = (partner.str("firstName") + " " + partner.str("lastName")).trim();
        String credentials = partner.str("credentials");
        return credentials.isEmpty() ? name : name + ", " + credentials;
    }
}
