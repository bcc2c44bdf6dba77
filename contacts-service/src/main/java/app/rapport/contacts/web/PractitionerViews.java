package app.rapport.contacts.web;

import app.rapport.contacts.domain.Practitioner;
import app.rapport.contacts.domain.PractitionerTag;
import app.rapport.contacts.repository.PractitionerTagRepository;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns rows into views with their tags, one tag query per page rather than per partner. */
@Singleton
public class PractitionerViews {

    private final PractitionerTagRepository tags;

    public PractitionerViews(PractitionerTagRepository tags) {
        this.tags = tags;
    }

    public PractitionerView one(Practitioner p) {
        return all(p.getClinicId(), List.of(p)).get(0);
    }

    public List<PractitionerView> all(String clinicId, Collection<Practitioner> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> byPractitioner = tags.findByClinicIdAndPractitionerIdInOrderByTag(clinicId,
                        rows.stream().map(Practitioner::getId).toList()).stream()
                .collect(Collectors.groupingBy(PractitionerTag::practitionerId,
                        Collectors.mapping(PractitionerTag::tag, Collectors.toList())));
        return rows.stream().map(p -> PractitionerView.of(p, byPractitioner.getOrDefault(p.getId(), List.of()))).toList();
    }
}
