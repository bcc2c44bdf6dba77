package app.rapport.referrals;

import app.rapport.platform.testing.Layering;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain depends on neither web nor messaging; no other service; plugins only on their extension point and the platform. */
class LayeringTest {

    @Test
    void theLayersDependOnlyAsTheyShould() {
        assertThat(Layering.violations("app.rapport.referrals")).isEmpty();
    }
}
