package app.rapport.platform.testing;

import app.rapport.platform.web.Problem;
import app.rapport.platform.web.ProblemException;
import app.rapport.platform.web.Versions;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps, checked on its compiled classes (each service's
 * {@code LayeringTest} asserts {@link #violations} is empty). The six folders: {@code web} and {@code messaging}
 * are the edges, {@code domain} the middle, {@code repository} and {@code config} below it,
 * {@code plugin} the extension points and the built-in plugins.
 */
public final class Layering {

    /** Every service's root package; a service may depend on none but its own (and the platform). */
    public static final List<String> SERVICES = List.of("app.rapport.contacts", "app.rapport.referrals",
            "app.rapport.outreach", "app.rapport.reports");

    private Layering() {
    }

    /** The rules for the service whose root package is {@code service}, e.g. {@code app.rapport.outreach}. */
    public static List<ArchRule> rules(String service) {
        return rules(service, Stream.concat(SERVICES.stream().filter(s -> !s.equals(service)),
                Stream.of("app.rapport.console")).toList());
    }

    /** The rules, with the root packages {@code service} must not depend on. */
    public static List<ArchRule> rules(String service, List<String> otherServices) {
        String[] others = otherServices.stream().map(s -> s + "..").toArray(String[]::new);
        return List.of(
                noClasses().that().resideInAPackage(service + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(service + ".web..", service + ".messaging..")
                        .because("the domain decides; HTTP and events are how it is reached and what it announces "
                                + "(a publisher interface in domain/, its outbox implementation in messaging/)"),
                noClasses().that().resideInAPackage(service + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(others)
                        .because("services share only events and the platform"),
                noClasses().that().resideInAPackage(service + ".plugin..")
                        .should().dependOnClassesThat().resideInAnyPackage(service + ".web..", service + ".messaging..",
                                service + ".repository..")
                        .because("a plugin sees its extension point (and the domain types it names) and the "
                                + "platform, so a third-party plugin can be written against the same surface"),
                noClasses().that().resideInAnyPackage(service + ".domain..", service + ".plugin..")
                        .should().dependOnClassesThat().belongToAnyOf(ProblemException.class, Problem.class, Versions.class)
                        .because("domain and plugin code refuse with DomainException; the web edge alone decides "
                                + "the HTTP answer (ProblemException.of, DomainExceptionHandler)"));
    }

    /**
     * What the service's main classes (not its tests) break, one line per offending dependency and
     * the rule's reason; empty when the layering holds.
     */
    public static List<String> violations(String service) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(service);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes of " + service + " found to check");
        }
        return rules(service).stream().map(rule -> rule.evaluate(classes)).filter(EvaluationResult::hasViolation)
                .flatMap(result -> result.getFailureReport().toString().lines()).toList();
    }
}
