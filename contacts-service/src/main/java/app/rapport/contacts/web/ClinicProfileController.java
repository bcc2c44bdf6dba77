package app.rapport.contacts.web;

import app.rapport.contacts.domain.ClinicProfile;
import app.rapport.contacts.domain.ClinicProfiles;
import app.rapport.contacts.domain.CoverLetter;
import app.rapport.contacts.domain.CoverLetters;
import app.rapport.contacts.domain.ReferralPacket;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.Locale;

/** The clinic's profile for its partners, and what is printed from it: the referral packet and its cover letter. */
@Controller("/api/v1/clinic-profile")
@Tag(name = "Clinic profile")
public class ClinicProfileController {

    private static final MediaType PDF = MediaType.of("application/pdf");

    private final ClinicProfiles profiles;
    private final CoverLetters coverLetters;

    public ClinicProfileController(ClinicProfiles profiles, CoverLetters coverLetters) {
        this.profiles = profiles;
        this.coverLetters = coverLetters;
    }

    @Put
    @Secured(Roles.STAFF)
    @Operation(summary = "Set the clinic's profile: services, focus, payment policies, plans, locations and hours, "
            + "how to refer, time zone and logo; published as ClinicProfileUpdated")
    public HttpResponse<ClinicProfile> put(Caller caller, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                           @Valid @Body ClinicProfile body) {
        return tagged(profiles.save(caller.clinicId(), caller.user(), ifMatch, body));
    }

    @Get
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    public HttpResponse<ClinicProfile> get(Caller caller) {
        return tagged(profiles.read(caller.clinicId()));
    }

    /** The profile with its version as the ETag, for the next save's If-Match. */
    private static HttpResponse<ClinicProfile> tagged(ClinicProfile profile) {
        return Versions.tagged(HttpResponse.ok(profile), profile.version());
    }

    @Get("/packet")
    @Produces("application/pdf")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The referral information packet as a PDF to send to partners")
    public HttpResponse<byte[]> packet(Caller caller) {
        ClinicProfile profile = profiles.read(caller.clinicId());
        return HttpResponse.ok(ReferralPacket.render(profile)).contentType(PDF)
                .header("Content-Disposition", "attachment; filename=\"" + slug(profile.clinicName()) + "-referral-packet.pdf\"");
    }

    @Get("/cover-letter")
    @Produces({"application/pdf", MediaType.TEXT_PLAIN})
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The cover letter for the referral packet, to one partner, signed by the clinician: "
            + "a PDF, or with Accept: text/plain the text of an e-mail")
    public HttpResponse<?> coverLetter(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String practitionerId,
                                       @Nullable @QueryValue String signerName,
                                       @Nullable @QueryValue String signerCredentials) {
        CoverLetter letter = coverLetters.write(caller.clinicId(), practitionerId, signerName, signerCredentials);
        boolean text = request.accept().stream().anyMatch(m -> m.matches(MediaType.TEXT_PLAIN_TYPE))
                && request.accept().stream().noneMatch(m -> m.getName().equals(PDF.getName()));
        if (text) {
            return HttpResponse.ok(letter.text()).contentType(MediaType.of("text/plain;charset=utf-8"));
        }
        return HttpResponse.ok(letter.pdf()).contentType(PDF)
                .header("Content-Disposition", "attachment; filename=\"cover-letter.pdf\"");
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
