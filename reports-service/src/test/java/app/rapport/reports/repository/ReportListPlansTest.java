package app.rapport.reports.repository;

import app.rapport.platform.testing.QueryPlans;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.Rows;
import app.rapport.platform.testing.TestClinics;
import app.rapport.reports.domain.ReportStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reports queue stays fast as a clinic's reports pile up: for every combination of its
 * filters (referral, status, recipient) the database reads the page through an index, newest
 * first (and the print queue oldest first), over a few thousand reports of one clinic beside another clinic's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportListPlansTest implements TestPropertyProvider {

    private static final ReportStatus[] STATUSES = ReportStatus.values();
    private static final String[] TYPES = {"INITIAL", "PROGRESS", "DISCHARGE"};

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    private final String clinic = TestClinics.unique("seattle-downtown");
    private final String[] partners = new String[100];
    private final String[] referrals = new String[1500];

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(RapportTestProperties.forService("reports"));
    }

    /** The pool itself, not the transaction-bound proxy: the rows are in before the test reads them. */
    private DataSource db() {
        return dataSourceResolver.resolve(dataSource);
    }

    @BeforeAll
    void thousandsOfReports() {
        for (int i = 0; i < partners.length; i++) {
            partners[i] = UUID.randomUUID().toString();
        }
        for (int i = 0; i < referrals.length; i++) {
            referrals[i] = UUID.randomUUID().toString();
        }
        seed(clinic, 4500);
        seed(TestClinics.unique("tacoma"), 2000);
    }

    private void seed(String clinicId, int count) {
        Instant start = Instant.parse("2024-01-01T09:00:00Z");
        Rows.insert(db(), "report", List.of("id", "clinic_id", "referral_id", "practitioner_id", "recipient_role",
                        "type", "sequence_number", "status", "patient_reference", "queued_at", "updated_at"), count,
                i -> {
                    Timestamp at = Timestamp.from(start.plusSeconds(3600L * i));
                    return new Object[]{UUID.randomUUID().toString(), clinicId, referrals[i % referrals.length],
                            partners[i % partners.length], "REFERRING_PRACTITIONER", TYPES[(i / referrals.length) % 3],
                            1 + i / (referrals.length * 3), STATUSES[i % STATUSES.length].name(),
                            UUID.randomUUID().toString(), at, at};
                });
        Rows.insert(db(), "print_job", List.of("id", "clinic_id", "report_id", "recipient_name", "queued_at",
                        "printed_at"), count,
                i -> {
                    Timestamp at = Timestamp.from(start.plusSeconds(3600L * i));
                    return new Object[]{UUID.randomUUID().toString(), clinicId, UUID.randomUUID().toString(),
                            "Dr. Maya Okafor", at, i % 10 == 0 ? null : at};
                });
    }

    @Test
    void thePrintQueueIsServedByAnIndexWithAndWithoutThePrintedJobs() {
        QueryPlans.assertServedByIndexes(db(), "waiting jobs", ReportLists.printJobs(clinic, false));
        QueryPlans.assertServedByIndexes(db(), "all jobs", ReportLists.printJobs(clinic, true));
    }

    @Test
    void everyFilterCombinationOfTheQueueIsServedByAnIndex() {
        for (String referral : new String[]{null, referrals[11]}) {
            for (ReportStatus status : new ReportStatus[]{null, ReportStatus.DRAFT}) {
                for (String partner : new String[]{null, partners[11]}) {
                    QueryPlans.assertServedByIndexes(db(),
                            "referral=" + referral + " status=" + status + " recipient=" + partner,
                            ReportLists.search(clinic, referral, status, partner));
                }
            }
        }
    }
}
