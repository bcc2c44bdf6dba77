package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.PartnerNames;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.web.ReferralFormController.PartnerOption;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The clinic's partners for a form's partner select (a referral, an intake link, a gift). */
@Singleton
public class PartnerChoices {

    private final ServiceClient services;
    private final PartnerNames partnerNames;

    public PartnerChoices(ServiceClient services, PartnerNames partnerNames) {
        this.services = services;
        this.partnerNames = partnerNames;
    }

    /** The clinic's partners by name; one asked for by id but beyond the first hundred is looked up on its own. */
    public List<PartnerOption> options(StaffSession session, String chosen) {
        List<Doc> docs = new ArrayList<>(services.get(session, Service.CONTACTS, "/api/v1/practitioners",
                Map.of("size", 100)).items());
        if (!chosen.isEmpty() && docs.stream().noneMatch(d -> chosen.equals(d.str("id")))) {
            Doc one = partnerNames.lookup(session, List.of(chosen)).getOrDefault(chosen, Doc.empty());
            if (!one.asMap().isEmpty()) {
                docs.add(one);
            }
        }
        docs.sort(Comparator.comparing((Doc d) -> d.str("lastName").toLowerCase(Locale.ROOT))
                .thenComparing(d -> d.str("firstName").toLowerCase(Locale.ROOT)));
        List<PartnerOption> options = new ArrayList<>();
        for (Doc d : docs) {
            String organization = d.str("organization");
            options.add(new PartnerOption(d.str("id"), PartnerNames.displayName(d)
                    + (organization.isEmpty() ? "" : " (" + organization + ")")));
        }
        return options;
    }
}
