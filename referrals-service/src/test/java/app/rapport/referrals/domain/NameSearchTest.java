package app.rapport.referrals.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameSearchTest {

    @Test
    void aSearchBecomesALowerCasePrefixPatternWithOneSpaceBetweenWords() {
        assertThat(NameSearch.prefixPattern("  Elena   MARSH ")).isEqualTo("elena marsh%");
        assertThat(NameSearch.prefixPattern("Marsh, Elena")).isEqualTo("marsh elena%");
    }

    @Test
    void likeWildcardsAreSearchedForLiterally() {
        assertThat(NameSearch.prefixPattern("50%_off\\")).isEqualTo("50\\%\\_off\\\\%");
    }

    @Test
    void nothingToSearchForIsNoFilter() {
        assertThat(NameSearch.prefixPattern(null)).isNull();
        assertThat(NameSearch.prefixPattern(" , ")).isNull();
    }
}
