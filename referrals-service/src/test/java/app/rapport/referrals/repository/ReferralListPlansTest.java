package app.rapport.referrals.repository;

import app.rapport.platform.persistence.ListQuery;
import app.rapport.platform.testing.QueryPlans;
import app.rapport.platform.testing.Rows;
import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The referrals list stays fast as a clinic's history grows: past ten thousand referrals of one
 * clinic (beside the group's other clinics), every combination of the list's filters is read through an
 * index, in the list's order, and the page's total stops counting at the cap and says so.
 */
@MicronautTest(transactional = false)
class ReferralListPlansTest extends ReferralsTestSupport {

    private static final String[] RECEIVED_STATUSES = {"RECEIVED", "ACCEPTED", "SCHEDULED", "IN_TREATMENT", "COMPLETED"};
    private static final String[] SENT_STATUSES = {"SENT", "ACKNOWLEDGED", "SEEN", "CLOSED"};
    private static final int PARTNERS = 200;

    private final String clinic = TestClinics.unique("seattle-downtown");
    private final String other = TestClinics.unique("tacoma");
    private final String[] partnerIds = new String[PARTNERS];

    /** The pool itself, not the transaction-bound proxy: the rows are in before the test reads them. */
    private DataSource db() {
        return dataSourceResolver.resolve(dataSource);
    }

    @BeforeAll
    void aHistoryPastTheCap() {
        for (int i = 0; i < PARTNERS; i++) {
            partnerIds[i] = UUID.randomUUID().toString();
        }
        seed(clinic, ListQuery.TOTAL_CAP + 50);
        seed(other, 700);
        // the group's other clinics, as in production: the clinic is not most of the table
        for (String more : new String[]{"bellevue", "renton", "everett"}) {
            seed(TestClinics.unique(more), 10_000);
        }
    }

    private void seed(String clinicId, int count) {
        Timestamp now = Timestamp.from(Instant.now());
        String[] patients = new String[count / 4];
        Rows.insert(db(), "patient", List.of("id", "clinic_id", "first_name", "last_name", "birth_date", "created_at"),
                patients.length, i -> {
                    patients[i] = UUID.randomUUID().toString();
                    return new Object[]{patients[i], clinicId, "Given" + i, "Family" + i, Date.valueOf("1980-01-01"), now};
                });
        Rows.insert(db(), "partner", List.of("clinic_id", "practitioner_id", "first_name", "last_name",
                        "specialty", "archived", "version", "updated_at"), PARTNERS,
                i -> new Object[]{clinicId, partnerIds[i], "Maya" + i, "Okafor" + i, "OB_GYN", false, 1, now});
        LocalDate start = LocalDate.of(2020, 1, 1);
        Rows.insert(db(), "referral", List.of("id", "clinic_id", "direction", "kind", "practitioner_id", "patient_id",
                        "reason", "urgency", "channel", "referred_on", "status", "created_by", "created_at", "updated_at"),
                count, i -> {
                    boolean received = i % 3 != 0;
                    String status = received ? RECEIVED_STATUSES[i % RECEIVED_STATUSES.length]
                            : SENT_STATUSES[i % SENT_STATUSES.length];
                    return new Object[]{UUID.randomUUID().toString(), clinicId, received ? "RECEIVED" : "SENT", "REFERRAL",
                            partnerIds[i % PARTNERS], patients[i % patients.length], "Low back pain", "ROUTINE", "FAX",
                            Date.valueOf(start.plusDays(i % 2000)), status, "tester", now, now};
                });
    }

    @Test
    void everyFilterCombinationOfTheListIsServedByAnIndex() {
        for (String direction : new String[]{null, "RECEIVED"}) {
            for (String status : new String[]{null, "ACCEPTED"}) {
                for (String partner : new String[]{null, partnerIds[7]}) {
                    for (boolean dates : new boolean[]{false, true}) {
                        for (String name : new String[]{null, "family12%"}) {
                            QueryPlans.assertServedByIndexes(db(),
                                    "direction=" + direction + " status=" + status + " partner=" + partner
                                            + " dates=" + dates + " q=" + name,
                                    ReferralLists.search(clinic, direction, status, partner,
                                            dates ? LocalDate.of(2021, 1, 1) : null, dates ? LocalDate.of(2021, 6, 30) : null,
                                            name));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theIntakeLinksAreServedByAnIndex() {
        Timestamp now = Timestamp.from(Instant.now());
        Rows.insert(db(), "intake_link", List.of("id", "clinic_id", "practitioner_id", "token_sha256", "expires_at",
                        "created_by", "created_at"), 3000,
                i -> new Object[]{UUID.randomUUID().toString(), i % 3 == 0 ? other : clinic, partnerIds[i % PARTNERS],
                        UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""),
                        now, "tester", Timestamp.from(now.toInstant().minusSeconds(i))});
        QueryPlans.assertServedByIndexes(db(), "intake links", ReferralLists.intakeLinks(clinic));
    }

    @Test
    void pastTheCapTheListSaysItsTotalIsCappedBelowItTheTotalIsExact() {
        Map<String, Object> all = get("/api/v1/referrals?size=5", staff(clinic));
        assertThat(all).containsEntry("total", ListQuery.TOTAL_CAP).containsEntry("totalCapped", true);
        assertThat((List<?>) all.get("items")).hasSize(5);

        Map<String, Object> theirs = get("/api/v1/referrals", staff(other));
        assertThat(theirs).containsEntry("total", 700).containsEntry("totalCapped", false);

        // One partner's referrals: every 200th of the clinic's, exact.
        long theirShare = IntStream.range(0, ListQuery.TOTAL_CAP + 50).filter(i -> i % PARTNERS == 7).count();
        Map<String, Object> onePartner = get("/api/v1/referrals?practitionerId=" + partnerIds[7], staff(clinic));
        assertThat(onePartner).containsEntry("total", (int) theirShare)
                .containsEntry("totalCapped", false);
    }
}
