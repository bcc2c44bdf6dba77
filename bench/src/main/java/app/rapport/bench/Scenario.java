package app.rapport.bench;

import app.rapport.local.LocalPlatform;

/**
 * What every scenario works with: the client helper and its platform, the flags, the results it
 * adds its figures to, the ceiling JVM and the profiler.
 */
abstract class Scenario {

    /** Made once per run by {@link Bench}. */
    record Context(Client client, BenchOptions options, Results results, CeilingJvm ceilings, Profiler profiler) {
    }

    protected final Client client;
    protected final LocalPlatform platform;
    protected final BenchOptions o;
    protected final Results results;
    protected final CeilingJvm ceilings;
    protected final Profiler profiler;

    Scenario(Context c) {
        this.client = c.client();
        this.platform = c.client().platform;
        this.o = c.options();
        this.results = c.results();
        this.ceilings = c.ceilings();
        this.profiler = c.profiler();
    }
}
