package app.rapport.outreach.repository;

import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.platform.testing.Rows;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rules ask on every referral reads the same few rows whether a partner has sent one
 * referral or thousands: the database's plan for each question goes through an index (no scan, no
 * sort), over years of one clinic's referrals and tasks beside another clinic's; and the running
 * counts agree with the referrals recorded, replays included.
 */
@MicronautTest(transactional = false)
class PartnerHistoryPlansTest extends PlansTestSupport {

    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

    @Inject
    ReferralFactRepository referrals;
    @Inject
    PartnerHistory history;

    PartnerHistoryPlansTest() {
        super(40);
    }

    @BeforeAll
    void yearsOfReferralsAndTasks() {
        seed(clinic, 8000);
        seed(otherClinic, 2000);
    }

    private void seed(String clinicId, int count) {
        Rows.insert(db(), "referral_fact", List.of("clinic_id", "referral_id", "practitioner_id", "direction",
                        "occurred_on"), count,
                i -> new Object[]{clinicId, UUID.randomUUID().toString(), partners[i % partners.length],
                        i % 3 == 0 ? "SENT" : "RECEIVED", Date.valueOf(FIRST_DAY.plusDays(i % 2000))});
        Rows.insert(db(), "partner_referral_count", List.of("clinic_id", "practitioner_id", "direction", "referrals",
                        "last_on"), partners.length * 2,
                i -> new Object[]{clinicId, partners[i / 2], i % 2 == 0 ? "SENT" : "RECEIVED", count / partners.length,
                        Date.valueOf(FIRST_DAY.plusDays(2000))});
        TaskType[] types = TaskType.values();
        Instant start = FIRST_DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        Rows.insert(db(), "outreach_task", List.of("id", "clinic_id", "type", "status", "practitioner_id", "channel",
                        "channel_provisional", "due_on", "created_by", "created_at", "updated_at"), count,
                i -> {
                    Timestamp created = Timestamp.from(start.plus(i % 2000, ChronoUnit.DAYS));
                    return new Object[]{UUID.randomUUID().toString(), clinicId, types[i % types.length].name(),
                            TaskStatus.DONE.name(), partners[i % partners.length], "PHONE", false,
                            Date.valueOf(FIRST_DAY.plusDays(i % 2000)), "tester", created, created};
                });
    }

    @Test
    void theRulesPerReferralQuestionsAreServedByIndexes() {
        String partner = partners[7];
        LocalDate last = FIRST_DAY.plusDays(1999);
        assertServedByIndexes("referrals received in the repeat-referrer window, up to 3", PartnerHistory.REFERRALS_BETWEEN,
                Map.of("clinicId", clinic, "practitionerId", partner, "direction", ReferralFactRepository.RECEIVED,
                        "from", Date.valueOf(last.minusDays(89)), "to", Date.valueOf(last), "atMost", 3));
        assertServedByIndexes("a personal thank-you within the window", PartnerHistory.TASK_CREATED_SINCE,
                Map.of("clinicId", clinic, "practitionerId", partner, "type", TaskType.PERSONAL_THANKS.name(),
                        "since", Timestamp.from(Instant.parse("2024-06-01T00:00:00Z"))));
        assertServedByIndexes("referrals sent to the partner", PartnerHistory.REFERRAL_COUNT,
                Map.of("clinicId", clinic, "practitionerId", partner, "direction", ReferralFactRepository.SENT));
        assertServedByIndexes("partners who referred at least 3 times (the check)", PartnerHistory.COUNTS_OF_AT_LEAST,
                Map.of("clinicId", clinic, "direction", ReferralFactRepository.RECEIVED, "minimum", 3));
    }

    @Test
    void theCountsStopAtTheThresholdAndTheRunningCountIgnoresAReplayedReferral() {
        String partner = partners[11];
        // every referral in the window is there, but no more than asked for is counted
        assertThat(history.countReferralsBetween(clinic, partner, ReferralFactRepository.RECEIVED, FIRST_DAY,
                FIRST_DAY.plusDays(1999), 3)).isEqualTo(3);
        assertThat(history.countReferralsBetween(clinic, partner, ReferralFactRepository.RECEIVED,
                FIRST_DAY.plusDays(2000), FIRST_DAY.plusDays(3000), 3)).isZero();
        // the seeded tasks were created from 2020 to June 2025
        assertThat(history.taskCreatedSince(clinic, partner, TaskType.PERSONAL_THANKS,
                Instant.parse("2020-01-01T00:00:00Z"))).isTrue();
        assertThat(history.taskCreatedSince(clinic, partner, TaskType.PERSONAL_THANKS,
                Instant.parse("2025-07-01T00:00:00Z"))).isFalse();

        String clinicOfOne = TestClinics.unique("kent");
        String newPartner = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        assertThat(referrals.record(clinicOfOne, first, newPartner, ReferralFactRepository.SENT, LocalDate.of(2026, 3, 2),
                null, null)).isTrue();
        assertThat(referrals.record(clinicOfOne, first, newPartner, ReferralFactRepository.SENT, LocalDate.of(2026, 3, 2),
                null, null)).as("the same referral again").isFalse();
        assertThat(history.referrals(clinicOfOne, newPartner, ReferralFactRepository.SENT)).isEqualTo(1);
        referrals.record(clinicOfOne, UUID.randomUUID().toString(), newPartner, ReferralFactRepository.SENT,
                LocalDate.of(2026, 3, 9), null, null);
        assertThat(history.referrals(clinicOfOne, newPartner, ReferralFactRepository.SENT)).isEqualTo(2);
        assertThat(history.referrals(clinicOfOne, newPartner, ReferralFactRepository.RECEIVED)).isZero();
        assertThat(history.partnersWithAtLeast(clinicOfOne, ReferralFactRepository.SENT, 2)).containsExactly(newPartner);
    }
}
