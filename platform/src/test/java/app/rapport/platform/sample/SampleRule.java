package app.rapport.platform.sample;

import app.rapport.platform.plugin.RapportPlugin;
import jakarta.inject.Singleton;

/** A built-in plugin for the registry tests. */
@Singleton
public class SampleRule implements RapportPlugin {
    @Override
    public String name() {
        return "sample-rule";
    }

    @Override
    public String extensionPoint() {
        return "sample-rule";
    }

    @Override
    public String description() {
        return "Does nothing; proves the registry lists built-in plugins";
    }
}
