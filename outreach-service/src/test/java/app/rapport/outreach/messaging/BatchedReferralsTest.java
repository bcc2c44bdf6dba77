package app.rapport.outreach.messaging;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
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
 * longer change within the poll (a count at its cap, a thank-you found), and the poll plans
 * exactly the tasks that applying its referrals one by one plans.
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

        RoundTrips.start();
        transactions.executeWrite(status -> {
            referrals.applyAll(EventBatch.of(received(clinic, together, today)));
            return null;
        });
        List<String> batched = mine(RoundTrips.stop());
        RoundTrips.start();
        for (InboundEvent<InboundReferral> event : received(clinic, oneByOne, today)) {
            transactions.executeWrite(status -> {
                referrals.apply(event);
                return null;
            });
        }
        List<String> single = mine(RoundTrips.stop());

        assertThat(planned(clinic, together)).isEqualTo(planned(clinic, oneByOne))
                .containsEntry(TaskType.THANK_YOU, (long) REFERRALS).containsEntry(TaskType.PERSONAL_THANKS, 1L);
        // One by one every referral counts the window and, from the threshold on, looks for a thank-you.
        assertThat(count(single, REFERRALS_IN_WINDOW)).isEqualTo(REFERRALS);
        assertThat(count(single, THANK_YOU_SINCE)).isEqualTo(REFERRALS - enough + 1);
        // Together: counted until the count reaches its cap; looked for until one is found (the poll's own).
        assertThat(count(batched, REFERRALS_IN_WINDOW)).isEqualTo(enough);
        assertThat(count(batched, THANK_YOU_SINCE)).isEqualTo(2);
    }

    private static final Predicate<String> REFERRALS_IN_WINDOW = sql -> sql.contains("SELECT COUNT(*) FROM (SELECT 1 FROM referral_fact");
    private static final Predicate<String> THANK_YOU_SINCE = sql -> sql.contains("SELECT EXISTS (SELECT 1 FROM outreach_task");

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

    /** The partner's referrals of the day, as referrals-service publishes them. */
    private static List<InboundEvent<InboundReferral>> received(String clinic, String partner, LocalDate on) {
        List<InboundEvent<InboundReferral>> events = new ArrayList<>();
        for (int i = 0; i < REFERRALS; i++) {
            String referral = UUID.randomUUID().toString();
            InboundReferral payload = new InboundReferral(referral, "RECEIVED", "REFERRAL", partner, on, null,
                    new InboundReferral.TreatingPractitioner("jreyes", "Jordan Reyes", "DC"));
            events.add(new InboundEvent<>(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.REFERRAL_RECEIVED,
                    "referrals-service", Instant.now(), referral, clinic, "{}"), payload, null));
        }
        return events;
    }
}
