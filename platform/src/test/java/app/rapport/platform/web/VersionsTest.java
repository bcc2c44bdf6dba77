package app.rapport.platform.web;

import app.rapport.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsTest {

    @Test
    void aStaleIfMatchIsRefusedWith412NamingTheCurrentVersion() {
        assertThatThrownBy(() -> Versions.check("\"3\"", 4, "Partner p-1"))
                .isInstanceOf(DomainException.class)
                .satisfies(t -> {
                    // the domain's refusal, as the web edge answers it
                    ProblemException e = ProblemException.of((DomainException) t);
                    assertThat(e.status().getCode()).isEqualTo(412);
                    assertThat(e.headers()).containsEntry("ETag", "\"4\"");
                    assertThat(e.toProblem("/x").extra()).containsEntry("currentVersion", 4L);
                });
    }

    @Test
    void theCurrentTagWeakOrStrongAnyOrNoneLetsTheUpdateThrough() {
        Versions.check("\"4\"", 4, "Partner p-1");
        Versions.check("W/\"4\"", 4, "Partner p-1");
        Versions.check("*", 4, "Partner p-1");
        Versions.check(null, 4, "Partner p-1");
        assertThat(Versions.etag(4)).isEqualTo("\"4\"");
    }

    @Test
    void anIfMatchThatIsNoTagOfOursIsA400NamingTheHeader() {
        assertThatThrownBy(() -> Versions.expected("yesterday"))
                .isInstanceOf(DomainException.class)
                .satisfies(t -> {
                    ProblemException e = ProblemException.of((DomainException) t);
                    assertThat(e.status().getCode()).isEqualTo(400);
                    assertThat(e.toProblem("/x").errors()).extracting(Problem.FieldError::field).containsExactly("If-Match");
                });
    }
}
