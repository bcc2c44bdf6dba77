package app.rapport.layeringsample.plugin;

import app.rapport.layeringsample.repository.SampleRepository;

/** Breaks the plugin rule on purpose, for {@code LayeringRulesTest}. */
public class ReachesIntoRepository {
    SampleRepository repository;
}
