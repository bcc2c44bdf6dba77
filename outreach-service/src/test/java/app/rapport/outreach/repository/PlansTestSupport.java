package app.rapport.outreach.repository;

import app.rapport.platform.persistence.ListQuery;
import app.rapport.platform.testing.QueryPlans;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What outreach's plan tests share: the service against its database with the periodic check held
 * back, a clinic and its partners to seed thousands of rows for (beside another clinic's), the pool
 * to seed through, and the database's plan of a repository's own native statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlansTestSupport implements TestPropertyProvider {

    private static final Pattern NAMED_PARAMETER = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    final String clinic = TestClinics.unique("seattle-downtown");
    final String otherClinic = TestClinics.unique("tacoma");
    final String[] partners;

    PlansTestSupport(int partnerCount) {
        partners = new String[partnerCount];
        for (int i = 0; i < partnerCount; i++) {
            partners[i] = UUID.randomUUID().toString();
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("outreach"));
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    /** The pool itself, not the transaction-bound proxy: the rows are in before the test reads them. */
    DataSource db() {
        return dataSourceResolver.resolve(dataSource);
    }

    /**
     * The plan of a repository's {@code @Query} statement (its {@code :name} parameters bound from
     * {@code values}, as Micronaut Data binds them) goes through indexes.
     */
    void assertServedByIndexes(String description, String namedSql, Map<String, Object> values) {
        Matcher parameter = NAMED_PARAMETER.matcher(namedSql);
        StringBuilder sql = new StringBuilder();
        // QueryPlans binds a ListQuery's values in order; this one carries only the statement's values.
        ListQuery bound = ListQuery.from("unused");
        while (parameter.find()) {
            if (!values.containsKey(parameter.group(1))) {
                throw new IllegalArgumentException("no value for :" + parameter.group(1) + " in " + namedSql);
            }
            parameter.appendReplacement(sql, "?");
            bound.where("?", values.get(parameter.group(1)));
        }
        parameter.appendTail(sql);
        QueryPlans.assertServedByIndexes(db(), description, sql.toString(), bound);
    }
}
