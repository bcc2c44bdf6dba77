package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.referrals.config.IntakeSettings;
import app.rapport.referrals.repository.IntakeLinkRepository;
import app.rapport.referrals.repository.PartnerRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The "make it easy to refer to you" door: staff issue a partner a link; whoever holds its token
 * may submit referrals from that partner, without an account, until it expires or is revoked.
 * Unknown, revoked and expired tokens get the same 404, so a token cannot be probed.
 */
@Singleton
public class IntakeDoor {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeDoor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    /** These writes record no event, so the outbox cannot mark a retried request as applied: they do. */
    private final IdempotentEffects idempotentEffects;
    private final IntakeLinkRepository links;
    private final PartnerRepository partners;
    private final ReferralLedger ledger;
    private final IntakeSettings settings;
    private final Clock clock;

    public IntakeDoor(IntakeLinkRepository links, PartnerRepository partners, ReferralLedger ledger,
                      IntakeSettings settings, IdempotentEffects idempotentEffects, Clock clock) {
        this.clock = clock;
        this.idempotentEffects = idempotentEffects;
        this.links = links;
        this.partners = partners;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** A new link and its token; the token is never stored, so this is the only time anyone sees it. */
    public record Issued(IntakeLink link, String token) {
    }

    @Transactional
    public Issued issue(String clinicId, String actor, String practitionerId, Instant expiresAt, @Nullable String label) {
        ledger.requireActivePartner(clinicId, practitionerId, "practitionerId");
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw DomainException.invalidField("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(settings.getMaxLifetime()))) {
            throw DomainException.invalidField("expiresAt", "must be within " + settings.getMaxLifetime().toDays()
                    + " days; issue a new link when this one ends");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        idempotentEffects.noteInCurrentTransaction();
        IntakeLink link = links.save(new IntakeLink(UUID.randomUUID().toString(), clinicId, practitionerId, sha256(token),
                label, expiresAt, actor, now, null, null, null, 0, 0, null, 0));
        LOG.info("Intake link {} issued in clinic {} for practitioner {}", link.id(), clinicId, practitionerId);
        return new Issued(link, token);
    }

    /**
     * Revokes the link under its row lock: a submission in flight either finishes before (and is
     * counted) or finds the link revoked. A stale {@code If-Match} is a 412; revoking twice is still revoked.
     */
    @Transactional
    public IntakeLink revoke(String clinicId, String id, @Nullable String ifMatch, String actor) {
        IntakeLink link = links.lockByIdAndClinicId(id, clinicId)
                .orElseThrow(() -> DomainException.notFound("Intake link", id));
        VersionCheck.check(ifMatch, link.version(), "Intake link " + id);
        if (link.revokedAt() != null) {
            return link;
        }
        links.revoke(id, clinicId, clock.instant(), actor);
        LOG.info("Intake link {} revoked in clinic {}", id, clinicId);
        return links.findByIdAndClinicId(id, clinicId).orElseThrow();
    }

    /**
     * Lets one submission through the door: the token must name a usable link of an active partner,
     * and the link must have room in its rate window. Commits the count on its own, before the
     * submission is read, so even rejected submissions use up the window.
     *
     * @throws DomainException 404 for any token that is not usable
     * @throws TooManySubmissionsException when the window is full
     */
    @Transactional
    public IntakeLink admit(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw unusable();
        }
        Instant now = clock.instant();
        IntakeLink link = usable(links.lockByTokenSha256(sha256(token)), now);
        Duration window = settings.getRateWindow();
        Instant started = link.windowStartedAt();
        int count;
        if (started == null || !now.isBefore(started.plus(window))) {
            started = now;
            count = 1;
        } else if (link.windowCount() >= settings.getRateLimit()) {
            long wait = Math.max(1, Duration.between(now, started.plus(window)).toSeconds());
            LOG.warn("Intake link {} of clinic {} is over its rate limit", link.id(), link.clinicId());
            throw new TooManySubmissionsException(wait, settings.getRateLimit());
        } else {
            count = link.windowCount() + 1;
        }
        links.countInWindow(link.id(), link.clinicId(), started, count);
        return new IntakeLink(link.id(), link.clinicId(), link.practitionerId(), link.tokenSha256(),
                link.label(), link.expiresAt(), link.createdBy(), link.createdAt(), link.revokedAt(), link.revokedBy(),
                started, count, link.submissions(), link.lastSubmittedAt(), link.version());
    }

    /**
     * The link a token names, for showing its form: the same checks as {@link #admit} and the same
     * 404, but read only, so opening the form uses up none of the rate window.
     */
    @Transactional(readOnly = true)
    public IntakeLink open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw unusable();
        }
        return usable(links.findByTokenSha256(sha256(token)), clock.instant());
    }

    private IntakeLink usable(Optional<IntakeLink> found, Instant now) {
        IntakeLink link = found.orElseThrow(IntakeDoor::unusable);
        if (!link.usableAt(now) || partners.findByClinicIdAndPractitionerId(link.clinicId(), link.practitionerId())
                .map(Partner::archived).orElse(true)) {
            throw unusable();
        }
        return link;
    }

    /**
     * Opens the submitted referral as RECEIVED through WEB_INTAKE, changed by {@code intake}. The link
     * is locked and checked again first: a revoke that committed since {@link #admit} refuses the
     * submission (404, nothing saved); one that comes later waits until the submission is in.
     */
    @Transactional
    public Referral submit(IntakeLink admitted, ReferralDraft draft) {
        IntakeLink link = links.lockByIdAndClinicId(admitted.id(), admitted.clinicId()).orElseThrow(IntakeDoor::unusable);
        if (!link.usableAt(clock.instant())) {
            LOG.info("Intake link {} of clinic {} was revoked or expired during a submission; refused", link.id(),
                    link.clinicId());
            throw unusable();
        }
        Referral referral = ledger.open(link.clinicId(), StatusChange.INTAKE, draft, link.id()).referral();
        links.countSubmission(link.id(), link.clinicId(), clock.instant());
        return referral;
    }

    public int maxBodyBytes() {
        return settings.getMaxBodyBytes();
    }

    static DomainException unusable() {
        return DomainException.refused(DomainException.Refusal.NOT_FOUND, "intake-link-not-found", "Not found",
                "This intake link is not valid: it may have expired or been withdrawn. Please ask the clinic for a new link.");
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
