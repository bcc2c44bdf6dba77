package app.rapport.outreach;

import app.rapport.platform.testing.Layering;
import org.junit.jupiter.api.Test;

/** The domain depends on neither web nor messaging; no other service; plugins only on their extension point and the platform. */
class LayeringTest {

    @Test
    void theLayersDependOnlyAsTheyShould() {
        Layering.check("app.rapport.outreach");
    }
}
