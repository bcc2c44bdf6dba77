package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.reports.repository.MeasurementRepository;
import app.rapport.reports.repository.ReferralRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The one place a measurement is recorded, corrected or deleted, and where a measure's value is
 * checked against the catalogue: a measurement belongs to a received referral of the caller's
 * clinic, is taken between the day the referral was received and today, and lies in its measure's range.
 */
@Singleton
public class MeasurementLog {

    private static final Logger LOG = LoggerFactory.getLogger(MeasurementLog.class);

    /** These writes record no event, so the outbox cannot mark a retried request as applied: they do. */
    private final IdempotentEffects idempotentEffects;
    private final MeasurementRepository measurements;
    private final ReferralRepository referrals;
    private final ClinicCalendar calendar;
    private final Clock clock;

    public MeasurementLog(MeasurementRepository measurements, ReferralRepository referrals, ClinicCalendar calendar,
                          IdempotentEffects idempotentEffects, Clock clock) {
        this.clock = clock;
        this.idempotentEffects = idempotentEffects;
        this.measurements = measurements;
        this.referrals = referrals;
        this.calendar = calendar;
    }

    /** What a clinician writes down: {@code measuredBy} absent means the caller when recording. */
    public record Taken(ObjectiveMeasure measure, BigDecimal value, LocalDate measuredOn, @Nullable String measuredBy,
                        @Nullable Integer visitNumber) {
    }

    @Transactional
    public Measurement record(String clinicId, String user, String referralId, Taken taken) {
        ReferralRecord referral = receivedReferral(clinicId, referralId);
        check(referral, taken);
        idempotentEffects.noteInCurrentTransaction();
        Measurement m = measurements.save(new Measurement(UUID.randomUUID().toString(), clinicId, referralId,
                taken.measure(), taken.value(), taken.measuredOn(), taken.measuredBy() == null ? user : taken.measuredBy(),
                taken.visitNumber(), user, now(), null, null, 0));
        LOG.info("Recorded {} measurement {} for referral {}", m.measure(), m.id(), referralId);
        return m;
    }

    /** A correction keeps who measured unless it says otherwise: whoever fixes a typo did not take the measurement. */
    /**
     * Only the version the person read ({@code If-Match}; absent: the one read here): two people
     * fixing the same typo never silently overwrite each other (412 for the second).
     */
    @Transactional
    public Measurement correct(String clinicId, String user, String id, Taken taken, @Nullable String ifMatch) {
        Measurement m = measurements.lock(id, clinicId).orElseThrow(() -> DomainException.notFound("Measurement", id));
        VersionCheck.check(ifMatch, m.version(), "Measurement " + id);
        check(receivedReferral(clinicId, m.referralId()), taken);
        if (measurements.correct(id, clinicId, taken.measure().name(), taken.value(), taken.measuredOn(),
                taken.measuredBy() == null ? m.measuredBy() : taken.measuredBy(), taken.visitNumber(), user, now(),
                m.version()) != 1) {
            throw VersionCheck.stale("Measurement " + id, m.version());
        }
        LOG.info("Corrected measurement {} for referral {}", id, m.referralId());
        return find(clinicId, id);
    }

    @Transactional
    public void delete(String clinicId, String id) {
        Measurement m = find(clinicId, id);
        measurements.delete(m);
        LOG.info("Deleted measurement {} for referral {}", id, m.referralId());
    }

    /** @throws DomainException 404 unless the referral is one this clinic received (a sent one has no patient here) */
    @Transactional
    public ReferralRecord receivedReferral(String clinicId, String referralId) {
        return referrals.find(clinicId, referralId).filter(r -> "RECEIVED".equals(r.direction()))
                .orElseThrow(() -> DomainException.notFound("Received referral", referralId));
    }

    /**
     * The measures written into a report's content: a catalogue measure's baseline and current value
     * must be possible values; the list may be empty only when measurements are recorded for the referral.
     */
    @Transactional
    public void checkContent(String clinicId, String referralId, ReportContent content) {
        List<ReportContent.Measure> written = content.measures();
        if (written.isEmpty() && measurements.findByClinicIdAndReferralId(clinicId, referralId).isEmpty()) {
            throw DomainException.invalidField("measures",
                    "give at least one objective measure, or record measurements for the referral");
        }
        for (int i = 0; i < written.size(); i++) {
            ReportContent.Measure m = written.get(i);
            int index = i;
            if (m.key() != null && ObjectiveMeasure.byKey(m.key()).isEmpty()) {
                throw DomainException.invalidField("measures[" + i + "].key", "is not a measure of the catalogue; one of "
                        + Arrays.stream(ObjectiveMeasure.values()).map(ObjectiveMeasure::key).toList());
            }
            ObjectiveMeasure.of(m).ifPresent(measure -> {
                measure.problemWith(m.baseline()).ifPresent(p -> {
                    throw DomainException.invalidField("measures[" + index + "].baseline", p);
                });
                measure.problemWith(m.current()).ifPresent(p -> {
                    throw DomainException.invalidField("measures[" + index + "].current", p);
                });
            });
        }
    }

    private void check(ReferralRecord referral, Taken taken) {
        // "Today" in the clinic's own zone: a measurement taken this evening in Auckland is not tomorrow's.
        LocalDate today = calendar.today(referral.clinicId());
        if (taken.measuredOn().isAfter(today)) {
            throw DomainException.invalidField("measuredOn", "must not be after today (" + today + ")");
        }
        if (taken.measuredOn().isBefore(referral.referredOn())) {
            throw DomainException.invalidField("measuredOn",
                    "must not be before the referral was received (" + referral.referredOn() + ")");
        }
        taken.measure().problemWith(taken.value()).ifPresent(p -> {
            throw DomainException.invalidField("value", p);
        });
    }

    private Measurement find(String clinicId, String id) {
        return measurements.findByIdAndClinicId(id, clinicId).orElseThrow(() -> DomainException.notFound("Measurement", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
