package app.rapport.contacts.domain;

import app.rapport.contacts.repository.TargetFocusRepository;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** One clinic's focus → specialties map: the defaults in code, then what the clinic changed or added. */
@Singleton
public class FocusMap {

    private final TargetFocusRepository focuses;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public FocusMap(TargetFocusRepository focuses, TransactionOperations<Connection> transactions, Clock clock) {
        this.clock = clock;
        this.focuses = focuses;
        this.transactions = transactions;
    }

    public enum Source { DEFAULT, CLINIC_OVERRIDE, CLINIC_DEFINED }

    /** @param version the clinic's saves of this focus; 0 for a default it never changed */
    public record Entry(String focus, List<Specialty> specialties, Source source, long version) {
    }

    public List<Entry> forClinic(String clinicId) {
        Map<String, Entry> map = new LinkedHashMap<>();
        TargetFocuses.DEFAULTS.forEach((focus, specialties) -> map.put(focus, new Entry(focus, specialties, Source.DEFAULT, 0)));
        for (TargetFocus own : focuses.findByClinicId(clinicId)) {
            Source source = TargetFocuses.DEFAULTS.containsKey(own.focus()) ? Source.CLINIC_OVERRIDE : Source.CLINIC_DEFINED;
            map.put(own.focus(), new Entry(own.focus(), parse(own.specialties()), source, own.version()));
        }
        return List.copyOf(map.values());
    }

    public Optional<Entry> find(String clinicId, String focus) {
        return forClinic(clinicId).stream().filter(e -> e.focus().equals(focus)).findFirst();
    }

    public Entry put(String clinicId, String actor, String focus, @Nullable String ifMatch, List<Specialty> specialties) {
        if (!TargetFocuses.NAME.matcher(focus).matches()) {
            throw DomainException.invalidField("focus",
                    "must be upper-case letters, digits and _, 2 to 48, starting with a letter (e.g. POSTPARTUM)");
        }
        List<Specialty> distinct = List.copyOf(new LinkedHashSet<>(specialties));
        String joined = distinct.stream().map(Enum::name).collect(Collectors.joining(","));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        transactions.executeWrite(status -> {
            // Lock only a row that exists (a missing one would take a gap lock two first saves deadlock on).
            Optional<TargetFocus> own = focuses.findByClinicIdAndFocus(clinicId, focus).isPresent()
                    ? focuses.lockByClinicIdAndFocus(clinicId, focus) : Optional.empty();
            VersionCheck.check(ifMatch, own.map(TargetFocus::version).orElse(0L), "The focus " + focus);
            own.ifPresentOrElse(
                    o -> focuses.update(new TargetFocus(o.id(), clinicId, focus, joined, actor, now, o.version() + 1)),
                    () -> focuses.save(new TargetFocus(UUID.randomUUID().toString(), clinicId, focus, joined, actor, now, 1)));
            return null;
        });
        return find(clinicId, focus).orElseThrow();
    }

    /** Back to the default for a built-in focus; gone for one the clinic defined. */
    public void reset(String clinicId, String focus, @Nullable String ifMatch) {
        transactions.executeWrite(status -> {
            TargetFocus own = focuses.lockByClinicIdAndFocus(clinicId, focus)
                    .orElseThrow(() -> DomainException.notFound("Clinic-defined focus", focus));
            VersionCheck.check(ifMatch, own.version(), "The focus " + focus);
            focuses.deleteByClinicIdAndFocus(clinicId, focus);
            return null;
        });
    }

    private static List<Specialty> parse(String joined) {
        return Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).map(Specialty::valueOf).toList();
    }
}
