package app.rapport.platform.layering;

import app.rapport.platform.testing.Layering;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules each service's LayeringTest checks do catch what they forbid: sample classes of a
 * pretend service ({@code app.rapport.layeringsample}) break each one once.
 */
class LayeringRulesTest {

    private final JavaClasses sample = new ClassFileImporter()
            .importPackages("app.rapport.layeringsample", "app.rapport.layeringother");

    @Test
    void eachRuleCatchesTheSampleClassThatBreaksIt() {
        List<ArchRule> rules = Layering.rules("app.rapport.layeringsample", List.of("app.rapport.layeringother"));
        assertThat(rules).hasSize(4);
        // The domain class holding a controller, the repository holding another service's class,
        // the plugin holding a repository, the domain class throwing an HTTP problem.
        assertThat(rules).allMatch(rule -> rule.evaluate(sample).hasViolation());
        assertThat(details(rules.get(0))).contains("ReachesIntoWeb", "SampleController").doesNotContain("Repository");
        assertThat(details(rules.get(1))).contains("SampleRepository", "OtherServiceClass").doesNotContain("Controller");
        assertThat(details(rules.get(2))).contains("ReachesIntoRepository", "SampleRepository").doesNotContain("Other");
        assertThat(details(rules.get(3))).contains("AnswersWithHttp", "ProblemException").doesNotContain("Repository");
    }

    private String details(ArchRule rule) {
        return String.join("\n", rule.evaluate(sample).getFailureReport().getDetails());
    }
}
