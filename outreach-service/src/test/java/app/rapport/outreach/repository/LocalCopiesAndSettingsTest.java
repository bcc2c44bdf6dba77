package app.rapport.outreach.repository;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.Partner;
import app.rapport.platform.persistence.LocalCopy.Outcome;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories keep what the Jdbc helper kept: the directory copy holds the newest snapshot and
 * the day outreach first saw the partner, one clinic's copy never touches another's, and a clinic's
 * settings rows are written under If-Match (none: write and bump; 0: only the first; N: only over N).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCopiesAndSettingsTest implements TestPropertyProvider {

    private static final Instant FIRST_SEEN = Instant.parse("2025-02-03T17:00:00Z");
    private static final Instant LATER = Instant.parse("2025-05-06T17:00:00Z");

    @Inject
    PartnerRepository partners;
    @Inject
    ClinicProfileRepository profiles;
    @Inject
    TemplateRepository templates;
    @Inject
    WeeklyGoalRepository goals;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("outreach"));
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    private static Partner snapshot(String clinic, String id, String organization, long version, Instant at) {
        return new Partner(new Partner.Key(clinic, id), "Maya", "Okafor", "MD", null, "OB_GYN", organization, null,
                null, null, "EMAIL", "PROSPECT", true, false, version, at, at);
    }

    /** As the directory consumer applies a snapshot: the lock and the write in one transaction. */
    private Outcome keep(Partner snapshot) {
        return transactions.executeWrite(status ->
                partners.keepNewer(partners.lock(snapshot.clinicId(), snapshot.id()), snapshot));
    }

    private Outcome keep(ClinicProfile snapshot) {
        return transactions.executeWrite(status -> profiles.keepNewer(profiles.lock(snapshot.clinicId()), snapshot));
    }

    @Test
    void aNewerSnapshotReplacesThePartnerButKeepsWhenOutreachFirstSawThemAndAnOlderOneChangesNothing() {
        String clinic = TestClinics.unique("everett");
        String other = TestClinics.unique("marysville");
        String id = UUID.randomUUID().toString();
        assertThat(keep(snapshot(clinic, id, "Lakeview Women's Health", 1, FIRST_SEEN))).isEqualTo(Outcome.ADDED);
        assertThat(keep(snapshot(other, id, "Marysville Family Practice", 1, FIRST_SEEN))).isEqualTo(Outcome.ADDED);

        assertThat(keep(snapshot(clinic, id, "Harborview Sports Medicine", 2, LATER))).isEqualTo(Outcome.REPLACED);
        Partner stored = partners.find(clinic, id).orElseThrow();
        assertThat(stored.organization()).isEqualTo("Harborview Sports Medicine");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.firstSeenAt()).isEqualTo(FIRST_SEEN);
        assertThat(stored.updatedAt()).isEqualTo(LATER);

        assertThat(keep(snapshot(clinic, id, "An old name", 1, LATER))).isEqualTo(Outcome.IGNORED);
        assertThat(keep(snapshot(clinic, id, "The same version again", 2, LATER))).isEqualTo(Outcome.IGNORED);
        assertThat(partners.find(clinic, id).orElseThrow().organization()).isEqualTo("Harborview Sports Medicine");
        // the same practitioner in another clinic's directory is another row, left as it was
        assertThat(partners.find(other, id).orElseThrow().organization()).isEqualTo("Marysville Family Practice");
    }

    @Test
    void theClinicProfileKeepsItsZoneAndFocusNichesAndTheHighestVersion() {
        String clinic = TestClinics.unique("olympia");
        ClinicProfile v2 = new ClinicProfile(clinic, "Capitol Acupuncture", ZoneId.of("America/Los_Angeles"), null,
                "1 Capitol Way\nOlympia, WA 98501", "+13605550100", null, null, List.of("Prenatal care", "Sports injuries"),
                2, FIRST_SEEN);
        assertThat(keep(v2)).isEqualTo(Outcome.ADDED);
        ClinicProfile v1 = new ClinicProfile(clinic, "An old name", null, null, null, null, null, null, List.of(), 1,
                LATER);
        assertThat(keep(v1)).isEqualTo(Outcome.IGNORED);

        ClinicProfile stored = profiles.findById(clinic).orElseThrow();
        assertThat(stored.clinicName()).isEqualTo("Capitol Acupuncture");
        assertThat(stored.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(stored.focusNiches()).containsExactly("Prenatal care", "Sports injuries");
        assertThat(stored.postalAddress()).isEqualTo("1 Capitol Way\nOlympia, WA 98501");
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void aClinicsWordingAndWeeklyGoalAreWrittenOnlyOverTheVersionThePersonSaw() {
        String clinic = TestClinics.unique("lacey");
        MessageTemplate.Kind kind = MessageTemplate.Kind.THANK_YOU;
        assertThat(templates.version(clinic, kind)).isZero();
        assertThat(templates.save(clinic, wording("first"), "ana", FIRST_SEEN, OptionalLong.of(3))).isFalse();
        assertThat(templates.save(clinic, wording("first"), "ana", FIRST_SEEN, OptionalLong.of(0))).isTrue();
        assertThat(templates.save(clinic, wording("second first"), "ben", FIRST_SEEN, OptionalLong.of(0))).isFalse();
        assertThat(templates.version(clinic, kind)).isEqualTo(1);
        assertThat(templates.save(clinic, wording("second"), "ben", LATER, OptionalLong.of(1))).isTrue();
        assertThat(templates.save(clinic, wording("stale"), "ana", LATER, OptionalLong.of(1))).isFalse();
        assertThat(templates.save(clinic, wording("third"), "ana", LATER, OptionalLong.empty())).isTrue();
        assertThat(templates.version(clinic, kind)).isEqualTo(3);
        assertThat(templates.find(clinic, kind).orElseThrow().subject()).isEqualTo("third");
        assertThat(templates.find(clinic, MessageTemplate.Kind.CHECK_IN)).isEmpty();

        assertThat(goals.setTarget(clinic, 2, "ana", FIRST_SEEN, OptionalLong.empty())).isTrue();
        assertThat(goals.setTarget(clinic, 5, "ben", LATER, OptionalLong.of(0))).isFalse();
        assertThat(goals.setTarget(clinic, 3, "ben", LATER, OptionalLong.of(1))).isTrue();
        assertThat(goals.setTarget(clinic, 4, "ana", LATER, OptionalLong.of(1))).isFalse();
        assertThat(goals.findTargetByClinicId(clinic)).contains(3);
        assertThat(goals.version(clinic)).isEqualTo(2);
        assertThat(goals.version(TestClinics.unique("tumwater"))).isZero();
    }

    private static MessageTemplate wording(String subject) {
        return new MessageTemplate(MessageTemplate.Kind.THANK_YOU, subject, "Dear {{partnerName}},\n\nThank you.", true);
    }
}
