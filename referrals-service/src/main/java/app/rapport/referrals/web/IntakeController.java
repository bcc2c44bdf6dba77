package app.rapport.referrals.web;

import app.rapport.platform.web.BodyFieldLocator;
import app.rapport.platform.web.Problem;
import app.rapport.platform.web.ProblemException;
import app.rapport.referrals.domain.Channel;
import app.rapport.referrals.domain.DiagnosisCodes;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.IntakeDoor;
import app.rapport.referrals.domain.IntakeLink;
import app.rapport.referrals.domain.Kind;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralDraft;
import app.rapport.referrals.domain.ReferralLedger;
import app.rapport.referrals.domain.Urgency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The door a partner's office uses without an account. Order of checks: the token (404 for any
 * unusable one), the link's rate window (429), the body size (413), then strict JSON (unknown
 * fields refused) and validation (400/422). The body is read as text so all of it is checked here.
 */
@Controller("/api/v1/intake")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Partner intake")
public class IntakeController {

    private final IntakeDoor door;
    private final JsonMapper json;
    private final Validator validator;
    private final BodyFieldLocator locator;

    public IntakeController(IntakeDoor door, JsonMapper json, Validator validator, BodyFieldLocator locator) {
        this.door = door;
        this.json = json;
        this.validator = validator;
        this.locator = locator;
    }

    @Get(value = "/{token}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether a link still takes submissions, and what its form may show: the label staff gave it "
            + "and the size limit (no login; counts nothing against the rate window)")
    public IntakeForm form(@PathVariable String token) {
        IntakeLink link = door.open(token);
        return new IntakeForm(link.label(), door.maxBodyBytes());
    }

    @Post(value = "/{token}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A partner's office submits a referral through its intake link (no login)")
    public HttpResponse<IntakeReceipt> submit(@PathVariable String token, @Nullable @Body String body) {
        IntakeLink link = door.admit(token);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > door.maxBodyBytes()) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload Too Large",
                    "A referral submission may be at most " + door.maxBodyBytes() + " bytes");
        }
        IntakeSubmission submission = parse(body);
        ReferralDraft draft = new ReferralDraft(Direction.RECEIVED,
                submission.kind() == null ? Kind.REFERRAL : submission.kind(), link.practitionerId(),
                submission.patient().toDetails(), submission.reason().trim(),
                DiagnosisCodes.normalise(submission.diagnosisCodes(), "diagnosisCodes"),
                ReferralLedger.blank(submission.requestedService()) ? null : submission.requestedService().trim(),
                submission.urgency() == null ? Urgency.ROUTINE : submission.urgency(), Channel.WEB_INTAKE,
                null, null, null, List.of(),
                submission.contact() == null ? null : submission.contact().toContact());
        Referral referral = door.submit(link, draft);
        return HttpResponse.created(new IntakeReceipt(referral.id(), referral.status().name(), referral.referredOn(),
                "Thank you: the clinic has received your referral and will contact the patient."));
    }

    /** What a partner's office may send: the patient, why, and what it asks for. Nothing else is accepted. */
    @Serdeable
    public record IntakeSubmission(@Nullable Kind kind, @Nullable Urgency urgency,
                                   @NotNull @Valid ReferralRequests.PatientBody patient,
                                   @NotBlank @Size(max = 2000) String reason,
                                   @Nullable @Size(max = 200) String requestedService,
                                   @Nullable List<String> diagnosisCodes,
                                   @Nullable @Valid OfficeContact contact) {
    }

    /** Whom the clinic calls back at the referring office. */
    @Serdeable
    public record OfficeContact(@NotBlank @Size(max = 200) String name,
                                // As people write it, "(206) 555-0177" too: the ledger stores it as E.164 or refuses it (422).
                                @Nullable @Size(max = 40) String phone,
                                @Nullable @jakarta.validation.constraints.Email @Size(max = 254) String email) {
        ReferralDraft.ReferrerContact toContact() {
            return new ReferralDraft.ReferrerContact(name.trim(), phone, email == null ? null : email.trim());
        }
    }

    /** What the form of a usable link may show the office: nothing of the clinic beyond the label staff chose. */
    @Serdeable
    public record IntakeForm(@Nullable String label, int maxBodyBytes) {
    }

    /** The answer to the partner: no patient data is echoed back. */
    @Serdeable
    public record IntakeReceipt(String referralId, String status, LocalDate receivedOn, String message) {
    }

    private IntakeSubmission parse(@Nullable String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "The body must be a JSON object describing the referral");
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        StrictJson.unknownFields(Argument.of(IntakeSubmission.class), tree, "", unknown);
        if (!unknown.isEmpty()) {
            throw invalid(unknown);
        }
        IntakeSubmission submission;
        try {
            submission = json.readValueFromTree(tree, IntakeSubmission.class);
        } catch (IOException | RuntimeException e) {
            String field = locator.locate(Argument.of(IntakeSubmission.class), body).orElse(null);
            if (field == null) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                        "The body is not the JSON this endpoint expects");
            }
            throw invalid(List.of(new Problem.FieldError(field, "has the wrong type or is not one of the allowed values")));
        }
        Set<ConstraintViolation<IntakeSubmission>> violations = validator.validate(submission);
        if (!violations.isEmpty()) {
            throw invalid(violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList());
        }
        return submission;
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-field", "Bad Request", detail, errors);
    }
}
