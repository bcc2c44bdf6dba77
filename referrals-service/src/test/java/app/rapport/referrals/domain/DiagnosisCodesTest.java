package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiagnosisCodesTest {

    @Test
    void acceptsIcd10ShapesAndNormalisesThem() {
        assertThat(DiagnosisCodes.normalise(List.of("O26.893", " m54.50 ", "Z3A.28", "M54", "M54"), "codes"))
                .containsExactly("O26.893", "M54.50", "Z3A.28", "M54");
    }

    @Test
    void refusesWhatIsNotAnIcd10CodeNamingTheEntry() {
        for (String bad : List.of("54.50", "M5", "MM4.5", "M54.", "M54.12345", "U07.1x", "back pain")) {
            assertThatThrownBy(() -> DiagnosisCodes.normalise(List.of("M54.50", bad), "diagnosisCodes"))
                    .as(bad).isInstanceOf(DomainException.class).hasMessageContaining("diagnosisCodes[1]");
        }
        assertThatThrownBy(() -> DiagnosisCodes.normalise(Collections.nCopies(13, "M54.50"), "diagnosisCodes"))
                .hasMessageContaining("at most 12");
    }
}
