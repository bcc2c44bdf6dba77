package app.rapport.contacts.web;

import app.rapport.contacts.domain.ClinicProfile;
import app.rapport.contacts.domain.ClinicProfileRow;
import app.rapport.platform.phone.PhoneNumbers;
import app.rapport.contacts.domain.ReferralPacket;
import app.rapport.contacts.repository.ClinicProfileRepository;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The clinic's profile for its partners, and the referral packet printed from it. */
@Controller("/api/v1/clinic-profile")
@Tag(name = "Clinic profile")
public class ClinicProfileController {

    private final ClinicProfileRepository profiles;
    private final JsonMapper json;
    private final TransactionOperations<Connection> transactions;

    public ClinicProfileController(ClinicProfileRepository profiles, JsonMapper json,
                                   TransactionOperations<Connection> transactions) {
        this.profiles = profiles;
        this.json = json;
        this.transactions = transactions;
    }

    @Put
    @Secured(Roles.STAFF)
    @Operation(summary = "Set the clinic's profile: services, focus, payment policies, plans, locations and hours, how to refer")
    public ClinicProfile put(Caller caller, @Valid @Body ClinicProfile body) {
        ClinicProfile profile = normalised(body);
        String document = write(profile);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        transactions.executeWrite(status -> {
            ClinicProfileRow row = new ClinicProfileRow(caller.clinicId(), document, caller.user(), now);
            if (profiles.findByClinicId(caller.clinicId()).isPresent()) {
                profiles.update(row);
            } else {
                profiles.save(row);
            }
            return null;
        });
        return profile;
    }

    @Get
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    public ClinicProfile get(Caller caller) {
        return read(caller.clinicId());
    }

    @Get("/packet")
    @Produces("application/pdf")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The referral information packet as a PDF to send to partners")
    public HttpResponse<byte[]> packet(Caller caller) {
        ClinicProfile profile = read(caller.clinicId());
        String file = profile.clinicName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "") + "-referral-packet.pdf";
        return HttpResponse.ok(ReferralPacket.render(profile))
                .contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    private ClinicProfile read(String clinicId) {
        ClinicProfileRow row = profiles.findByClinicId(clinicId).orElseThrow(() -> new ProblemException(
                io.micronaut.http.HttpStatus.NOT_FOUND, "not-found", "Not found",
                "This clinic has no profile yet; PUT /api/v1/clinic-profile first"));
        try {
            return json.readValue(row.profile(), ClinicProfile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(ClinicProfile profile) {
        try {
            return json.writeValueAsString(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Phones and faxes in E.164 like the directory's; opening hours that close before they open are refused. */
    private static ClinicProfile normalised(ClinicProfile p) {
        List<ClinicProfile.Location> locations = new ArrayList<>();
        for (int i = 0; i < p.locations().size(); i++) {
            ClinicProfile.Location l = p.locations().get(i);
            if (l.hours() != null) {
                for (int h = 0; h < l.hours().size(); h++) {
                    if (!l.hours().get(h).closes().isAfter(l.hours().get(h).opens())) {
                        throw ProblemException.invalidField("locations[" + i + "].hours[" + h + "].closes",
                                "must be after opens");
                    }
                }
            }
            locations.add(new ClinicProfile.Location(l.name(), l.address(),
                    phone("locations[" + i + "].phone", l.phone()), phone("locations[" + i + "].fax", l.fax()),
                    l.email() == null ? null : l.email().toLowerCase(Locale.ROOT), l.hours()));
        }
        return new ClinicProfile(p.clinicName(), p.introduction(), p.servicesOffered(), p.focusNiches(),
                p.paymentPolicies(), p.insurancePlansAccepted(), locations, p.howToRefer());
    }

    private static @Nullable String phone(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(text).orElseThrow(() -> ProblemException.invalidField(field, "is not a phone number"));
    }
}
