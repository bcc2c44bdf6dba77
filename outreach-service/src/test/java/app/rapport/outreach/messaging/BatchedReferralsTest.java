package app.rapport.outreach.messaging;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.repository.PartnerHistory;
import app.rapport.outreach.repository.ReferralFactRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.BatchMemo;
import app.rapport.platform.inbox.EventBatch;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.RoundTrips;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy referrer's poll: the repeat-referrer rule's two reads are answered once they can no
 * longer change within the poll (a count at its cap, a thank-you found), the partner's running
 * count is raised once and the tasks' events go to the outbox together, and the poll plans exactly
 * the tasks that applying its referrals one by one plans.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedReferralsTest implements TestPropertyProvider {

    private static final int REFERRALS = 8;

    @Inject
    ReferralsHandler referrals;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    TaskRepository tasks;
    @Inject
    OutreachSettings settings;
    @Inject
    PartnerHistory history;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = RoundTrips.recordedThrough(RapportTestProperties.forService("outreach"));
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    @Test
    void aBusyReferrersPollReadsWhatCannotChangeOnceAndPlansWhatOneByOneWould() {
        String clinic = TestClinics.unique("everett");
        String together = UUID.randomUUID().toString();
        String oneByOne = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC).minusDays(1); // a day every zone has reached
        int enough = settings.repeatReferrerCount();
        assertThat(REFERRALS).as("the poll goes past the repeat-referrer threshold").isGreaterThan(enough + 1);

        List<String> batched = asOnePoll(referrals(clinic, together, today, EventTypes.REFERRAL_RECEIVED));
        List<String> single = oneByOne(referrals(clinic, oneByOne, today, EventTypes.REFERRAL_RECEIVED));

        assertThat(planned(clinic, together)).isEqualTo(planned(clinic, oneByOne))
                .containsEntry(TaskType.THANK_YOU, (long) REFERRALS).containsEntry(TaskType.PERSONAL_THANKS, 1L);
        // One by one every referral counts the window and, from the threshold on, looks for a thank-you.
        assertThat(count(single, REFERRALS_IN_WINDOW)).isEqualTo(REFERRALS);
        assertThat(count(single, THANK_YOU_SINCE)).isEqualTo(REFERRALS - enough + 1);
        // Together: counted until the count reaches its cap; looked for until one is found (the poll's own).
        assertThat(count(batched, REFERRALS_IN_WINDOW)).isEqualTo(enough);
        assertThat(count(batched, THANK_YOU_SINCE)).isEqualTo(2);
        // The partner's running count raised once for the poll, and its nine tasks' events in one insert
        // (one by one, one per transaction: the third referral's two tasks share theirs).
        assertThat(count(single, COUNT_RAISED)).isEqualTo(REFERRALS);
        assertThat(count(batched, COUNT_RAISED)).isEqualTo(1);
        assertThat(count(single, OUTBOX)).isEqualTo(REFERRALS);
        assertThat(count(batched, OUTBOX)).isEqualTo(1);
        assertThat(history.referrals(clinic, together, ReferralFactRepository.RECEIVED)).isEqualTo(REFERRALS)
                .isEqualTo(history.referrals(clinic, oneByOne, ReferralFactRepository.RECEIVED));
    }

    @Test
    void aPollOfReferralsSentToOnePartnerCountsItsOwnAndProposesTheMeetingWhereOneByOneWould() {
        String clinic = TestClinics.unique("mukilteo");
        String together = UUID.randomUUID().toString();
        String oneByOne = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        assertThat(REFERRALS).as("the poll goes past the reverse-referral threshold")
                .isGreaterThan(settings.reverseReferralCount());
        List<InboundEvent<InboundReferral>> sentTogether = referrals(clinic, together, today, EventTypes.REFERRAL_SENT);
        List<InboundEvent<InboundReferral>> sentOneByOne = referrals(clinic, oneByOne, today, EventTypes.REFERRAL_SENT);

        List<String> batched = asOnePoll(sentTogether);
        oneByOne(sentOneByOne);

        // The count the rule reads within the poll includes the poll's own referrals: the meeting is
        // proposed at the same referral (the threshold's) as one by one, once.
        int at = settings.reverseReferralCount() - 1;
        assertThat(meetingFor(clinic, together)).isEqualTo(sentTogether.get(at).payload().referralId());
        assertThat(meetingFor(clinic, oneByOne)).isEqualTo(sentOneByOne.get(at).payload().referralId());
        assertThat(count(batched, COUNT_RAISED)).isEqualTo(1);
        assertThat(history.referrals(clinic, together, ReferralFactRepository.SENT)).isEqualTo(REFERRALS);
    }

    /** What applying {@code events} as one poll sends, in a transaction and batch memo as the consumer opens them. */
    private List<String> asOnePoll(List<InboundEvent<InboundReferral>> events) {
        List<RoundTrips.Sent> sent;
        RoundTrips.start();
        try {
            transactions.executeWrite(status -> BatchMemo.during(() -> {
                referrals.applyAll(EventBatch.of(events));
                return null;
            }));
        } finally {
            sent = RoundTrips.stop();
        }
        return mine(sent);
    }

    /** What applying {@code events} one by one sends, each in its own transaction and memo. */
    private List<String> oneByOne(List<InboundEvent<InboundReferral>> events) {
        List<RoundTrips.Sent> sent;
        RoundTrips.start();
        try {
            for (InboundEvent<InboundReferral> event : events) {
                transactions.executeWrite(status -> BatchMemo.during(() -> {
                    referrals.apply(event);
                    return null;
                }));
            }
        } finally {
            sent = RoundTrips.stop();
        }
        return mine(sent);
    }

    private String meetingFor(String clinic, String partner) {
        List<OutreachTask> meetings = tasks.findByClinicIdAndPractitionerIdAndType(clinic, partner, TaskType.INTRO_MEETING);
        assertThat(meetings).hasSize(1);
        return meetings.get(0).getReferralId();
    }

    private static final Predicate<String> REFERRALS_IN_WINDOW = sql -> sql.contains("SELECT COUNT(*) FROM (SELECT 1 FROM referral_fact");
    private static final Predicate<String> THANK_YOU_SINCE = sql -> sql.contains("SELECT EXISTS (SELECT 1 FROM outreach_task");
    private static final Predicate<String> COUNT_RAISED = sql -> sql.startsWith("INSERT INTO partner_referral_count");
    private static final Predicate<String> OUTBOX = sql -> sql.startsWith("INSERT INTO outbox_event");

    private static long count(List<String> sent, Predicate<String> kind) {
        return sent.stream().filter(kind).count();
    }

    /** What this thread sent: the service's consumers and relay run beside the test. */
    private static List<String> mine(List<RoundTrips.Sent> sent) {
        String me = Thread.currentThread().getName();
        return sent.stream().filter(s -> s.thread().equals(me)).map(RoundTrips.Sent::sql).toList();
    }

    private Map<TaskType, Long> planned(String clinic, String partner) {
        Map<TaskType, Long> byType = new HashMap<>();
        for (TaskType type : TaskType.values()) {
            List<OutreachTask> of = tasks.findByClinicIdAndPractitionerIdAndType(clinic, partner, type);
            if (!of.isEmpty()) {
                byType.put(type, (long) of.size());
            }
        }
        return byType;
    }

    /** The day's referrals received from or sent to the partner, as referrals-service publishes them. */
    private static List<InboundEvent<InboundReferral>> referrals(String clinic, String partner, LocalDate on, String type) {
        boolean received = EventTypes.REFERRAL_RECEIVED.equals(type);
        List<InboundEvent<InboundReferral>> events = new ArrayList<>();
        for (int i = 0; i < REFERRALS; i++) {
            String referral = UUID.randomUUID().toString();
            InboundReferral payload = new InboundReferral(referral, received ? "RECEIVED" : "SENT", "REFERRAL", partner,
                    received ? on : null, received ? null : on,
                    new InboundReferral.TreatingPractitioner("jreyes", "Jordan Reyes", "DC"));
            events.add(new InboundEvent<>(new EventEnvelope(UUID.randomUUID().toString(), type,
                    "referrals-service", Instant.now(), referral, clinic, "{}"), payload, null));
        }
        return events;
    }
}
