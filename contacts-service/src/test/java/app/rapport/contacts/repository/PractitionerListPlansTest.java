package app.rapport.contacts.repository;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.testing.QueryPlans;
import app.rapport.platform.testing.Rows;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The directory search stays fast as a clinic's directory grows: for every combination of its
 * filters, the database reads the page through an index, in order, over a few thousand partners
 * of one clinic beside its group's other clinics.
 */
@MicronautTest(transactional = false)
class PractitionerListPlansTest extends ContactsApi {

    private static final String[] SPECIALTIES = {"CHIROPRACTOR", "DOULA", "FAMILY_PRACTICE", "OB_GYN"};
    private static final String[] STAGES = {"PROSPECT", "CONTACTED", "MET", "REFERRING", "DORMANT"};

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    private final String clinic = TestClinics.unique("seattle-downtown");

    /** The pool itself, not the transaction-bound proxy: the rows are in before the test reads them. */
    private DataSource db() {
        return dataSourceResolver.resolve(dataSource);
    }

    @BeforeAll
    void aDirectoryOfThousands() {
        // one clinic of a group among others, as in production: the clinic is not most of the table
        seed(clinic, 3000);
        for (String other : new String[]{"tacoma", "bellevue", "renton"}) {
            seed(TestClinics.unique(other), 3000);
        }
    }

    private void seed(String clinicId, int count) {
        List<String> ids = Arrays.asList(new String[count]);
        Timestamp now = Timestamp.from(Instant.now());
        Rows.insert(db(), "practitioner", List.of("id", "clinic_id", "first_name", "last_name", "name_key",
                        "specialty", "preferred_thank_you_channel", "stage", "archived", "version", "created_at", "updated_at"),
                count, i -> {
                    ids.set(i, UUID.randomUUID().toString());
                    return new Object[]{ids.get(i), clinicId, "First" + i, "Last" + (i * 7919 % count), "key " + i,
                            SPECIALTIES[i % SPECIALTIES.length], "EMAIL", STAGES[i % STAGES.length], i % 10 == 0,
                            1, now, now};
                });
        Rows.insert(db(), "practitioner_tag", List.of("clinic_id", "practitioner_id", "tag"), count / 20,
                i -> new Object[]{clinicId, ids.get(i * 20), "lunch-and-learn"});
    }

    @Test
    void everyFilterCombinationOfTheSearchIsServedByAnIndex() {
        for (boolean includeArchived : new boolean[]{false, true}) {
            for (String specialty : new String[]{null, "DOULA"}) {
                for (String stage : new String[]{null, "MET"}) {
                    for (String tag : new String[]{null, "lunch-and-learn"}) {
                        for (String text : new String[]{null, "%last1%"}) {
                            QueryPlans.assertServedByIndexes(db(),
                                    "includeArchived=" + includeArchived + " specialty=" + specialty + " stage=" + stage
                                            + " tag=" + tag + " q=" + text,
                                    PractitionerLists.search(clinic, includeArchived, specialty, stage, tag, text));
                        }
                    }
                }
            }
        }
    }
}
