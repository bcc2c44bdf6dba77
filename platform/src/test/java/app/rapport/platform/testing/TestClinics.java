package app.rapport.platform.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Clinic ids unique to one test run, so tests sharing a broker never see each other's data. */
public final class TestClinics {

    private TestClinics() {
    }

    public static String unique(String name) {
        return name + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
