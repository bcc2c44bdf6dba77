package app.rapport.platform.persistence;

import app.rapport.platform.sample.Note;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.Rows;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A list's total on the real database: exact up to the cap, the cap and {@code totalCapped} past
 * it, and only the filters given in the WHERE.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListQueryTest implements TestPropertyProvider {

    private static final int CAP = 100;

    @Inject
    JdbcOperations jdbc;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    Lists lists;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("platform"));
        props.put("rapport.outbox.relay-enabled", "false");
        return props;
    }

    /** The pool itself, not the transaction-bound proxy: the rows are in before the test reads them. */
    private DataSource db() {
        return dataSourceResolver.resolve(dataSource);
    }

    private String clinicWithNotes(int count, String text) {
        String clinic = TestClinics.unique("seattle-downtown");
        Rows.insert(db(), "test_note", List.of("id", "clinic_id", "text"), count,
                i -> new Object[]{UUID.randomUUID().toString(), clinic, text + " " + i});
        return clinic;
    }

    private static ListQuery notes(String clinic) {
        return ListQuery.from("test_note").where("clinic_id = ?", clinic).orderBy("text, id");
    }

    private Page<Note> page(ListQuery query, int page, int cap) {
        return transactions.executeRead(status -> query.page(jdbc, Note.class, page, 20, cap));
    }

    @Test
    void pastTheCapTheTotalIsTheCapAndSaysSo() {
        String clinic = clinicWithNotes(CAP + 5, "note");
        clinicWithNotes(CAP + 5, "other clinic's note");

        Page<Note> first = page(notes(clinic), 0, CAP);
        assertThat(first.items()).hasSize(20).allMatch(n -> n.clinicId().equals(clinic));
        assertThat(first.total()).isEqualTo(CAP);
        assertThat(first.totalCapped()).isTrue();
    }

    @Test
    void atAndBelowTheCapTheTotalIsExact() {
        String full = clinicWithNotes(CAP, "note");
        Page<Note> atCap = page(notes(full), 1, CAP);
        assertThat(atCap.total()).isEqualTo(CAP);
        assertThat(atCap.totalCapped()).isFalse();

        String some = clinicWithNotes(42, "note");
        Page<Note> last = page(notes(some), 2, CAP);
        assertThat(last.items()).hasSize(2);
        assertThat(last.total()).isEqualTo(42);
        assertThat(last.totalCapped()).isFalse();
        Page<Note> beyond = page(notes(some), 5, CAP);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(42);
        // the services' way, with the real cap, over the same rows: exact
        Page<Note> viaLists = lists.page(notes(some), Note.class, new PageQuery(1, 40));
        assertThat(viaLists.items()).hasSize(2);
        assertThat(viaLists.total()).isEqualTo(42);
        assertThat(viaLists.totalCapped()).isFalse();
    }

    @Test
    void onlyTheFiltersGivenAreInTheWhereAndValuesAreBoundNotSpliced() {
        ListQuery query = ListQuery.from("test_note").where("clinic_id = ?", "c1")
                .whereGiven(null, "text = ?")
                .whereGiven("x' OR '1'='1", "(text LIKE ? OR id = ?)")
                .where("id IN (?)", List.of("a", "b"));
        assertThat(query.fromWhere())
                .isEqualTo("FROM test_note WHERE clinic_id = ? AND (text LIKE ? OR id = ?) AND id IN (?, ?)");
        assertThat(query.params()).containsExactly("c1", "x' OR '1'='1", "x' OR '1'='1", "a", "b");
        assertThatThrownBy(() -> ListQuery.from("t").where("a = ? AND b = ?", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
