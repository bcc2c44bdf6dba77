package app.rapport.contacts.domain;

import app.rapport.contacts.config.ContactsSettings;
import app.rapport.contacts.domain.ClinicProfile.Logo;
import app.rapport.contacts.repository.ClinicProfileRepository;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.phone.PhoneNumbers;
import com.lowagie.text.Image;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the clinic profile changes: validated and normalised, stored whole, its version raised, and
 * published as ClinicProfileUpdated through the outbox in the same transaction, so other services'
 * letters carry the letterhead, logo and time zone the clinic just saved.
 */
@Singleton
public class ClinicProfiles {

    static final int MAX_LOGO_BYTES = 64 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final ClinicProfileRepository profiles;
    private final ClinicProfilePublisher events;
    private final JsonMapper json;
    private final ContactsSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public ClinicProfiles(ClinicProfileRepository profiles, ClinicProfilePublisher events, JsonMapper json, ContactsSettings settings,
                          TransactionOperations<Connection> transactions, Clock clock) {
        this.clock = clock;
        this.profiles = profiles;
        this.events = events;
        this.json = json;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** The profile's id on the events: one per clinic, the same on every save and in every environment. */
    public static String profileId(String clinicId) {
        return UUID.nameUUIDFromBytes(("clinic-profile:" + clinicId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Saves the whole profile; a profile that names no time zone gets the service's default, kept from then on. */
    public ClinicProfile save(String clinicId, String actor, @Nullable String ifMatch, ClinicProfile body) {
        List<ClinicProfile.Location> locations = normalisedLocations(body);
        String zone = timeZone(body.timeZone());
        Logo logo = checkedLogo(body.logo());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            return write(clinicId, actor, ifMatch, body, locations, zone, logo, now);
        } catch (RuntimeException e) {
            // Two first saves raced and the other inserted the row first: this one is its next version.
            if (!PractitionerDirectory.isUniqueViolation(e)) {
                throw e;
            }
            return write(clinicId, actor, ifMatch, body, locations, zone, logo, now);
        }
    }

    private ClinicProfile write(String clinicId, String actor, @Nullable String ifMatch, ClinicProfile body, List<ClinicProfile.Location> locations,
                                String zone, @Nullable Logo logo, Instant now) {
        return transactions.executeWrite(status -> {
            // Lock only a row that exists: locking a missing one takes a gap lock, and two first saves
            // holding it deadlock on their inserts. Without a row, the second insert is a duplicate key.
            Optional<ClinicProfileRow> existing = profiles.findByClinicId(clinicId).isPresent()
                    ? profiles.findByClinicIdForUpdate(clinicId) : Optional.empty();
            VersionCheck.check(ifMatch, existing.map(ClinicProfileRow::version).orElse(0), "The clinic profile");
            int version = existing.map(r -> r.version() + 1).orElse(1);
            ClinicProfile saved = body.with(locations, zone, logo, version);
            // The version lives in its column, not in the document.
            ClinicProfileRow row = new ClinicProfileRow(clinicId, document(saved.with(locations, zone, logo, null)), actor,
                    now, version);
            if (existing.isPresent()) {
                profiles.update(row);
            } else {
                profiles.save(row);
            }
            events.updated(clinicId, profileId(clinicId), saved);
            return saved;
        });
    }

    /** The clinic's profile, or a 404 that says how to create it. */
    public ClinicProfile read(String clinicId) {
        ClinicProfileRow row = profiles.findByClinicId(clinicId).orElseThrow(() -> DomainException.refused(
                DomainException.Refusal.NOT_FOUND, "not-found", "Not found",
                "This clinic has no profile yet; PUT /api/v1/clinic-profile first"));
        try {
            ClinicProfile stored = json.readValue(row.profile(), ClinicProfile.class);
            // Saved before profiles had a time zone: the default, as a save today would set it.
            return stored.with(stored.locations(), stored.timeZone() == null ? settings.getTimeZone() : stored.timeZone(),
                    stored.logo(), row.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String document(ClinicProfile profile) {
        try {
            return json.writeValueAsString(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String timeZone(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return settings.getTimeZone();
        }
        // IANA region ids only: a bare offset such as +02:00 knows nothing of daylight saving time.
        if (!ZoneId.getAvailableZoneIds().contains(given.strip())) {
            throw DomainException.invalidField("timeZone", "is not an IANA time zone such as America/Los_Angeles");
        }
        return given.strip();
    }

    /** Phones and faxes in E.164 like the directory's; opening hours that close before they open are refused. */
    private static List<ClinicProfile.Location> normalisedLocations(ClinicProfile p) {
        List<ClinicProfile.Location> locations = new ArrayList<>();
        for (int i = 0; i < p.locations().size(); i++) {
            ClinicProfile.Location l = p.locations().get(i);
            if (l.hours() != null) {
                for (int h = 0; h < l.hours().size(); h++) {
                    if (!l.hours().get(h).closes().isAfter(l.hours().get(h).opens())) {
                        throw DomainException.invalidField("locations[" + i + "].hours[" + h + "].closes",
                                "must be after opens");
                    }
                }
            }
            locations.add(new ClinicProfile.Location(l.name(), l.address(),
                    phone("locations[" + i + "].phone", l.phone()), phone("locations[" + i + "].fax", l.fax()),
                    l.email() == null ? null : l.email().toLowerCase(Locale.ROOT), l.hours()));
        }
        return locations;
    }

    private static @Nullable String phone(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(text).orElseThrow(() -> DomainException.invalidField(field, "is not a phone number"));
    }

    /**
     * A logo is printed on every letter: it must be the PNG or JPEG it says it is, small enough to
     * travel. Kept in plain base64 (no line breaks), as the event's schema bounds it.
     */
    static @Nullable Logo checkedLogo(@Nullable Logo logo) {
        if (logo == null) {
            return null;
        }
        if (!"image/png".equals(logo.mediaType()) && !"image/jpeg".equals(logo.mediaType())) {
            throw DomainException.invalidField("logo.mediaType", "must be image/png or image/jpeg");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(logo.base64());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("logo.base64", "is not base64");
        }
        if (bytes.length > MAX_LOGO_BYTES) {
            throw DomainException.invalidField("logo.base64", "is " + (bytes.length + 1023) / 1024
                    + " KiB; a logo may be at most 64 KiB");
        }
        String actual = startsWith(bytes, PNG) ? "image/png" : startsWith(bytes, JPEG) ? "image/jpeg" : null;
        if (actual == null) {
            throw DomainException.invalidField("logo.base64", "is not a PNG or JPEG image");
        }
        if (!actual.equals(logo.mediaType())) {
            throw DomainException.invalidField("logo.mediaType", "the image is " + actual + ", not " + logo.mediaType());
        }
        try {
            Image.getInstance(bytes);
        } catch (Exception e) {
            throw DomainException.invalidField("logo.base64", "is a damaged " + actual + " image that cannot be printed");
        }
        return new Logo(logo.mediaType(), Base64.getEncoder().encodeToString(bytes));
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
