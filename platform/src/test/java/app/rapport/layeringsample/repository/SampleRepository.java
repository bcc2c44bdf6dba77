package app.rapport.layeringsample.repository;

import app.rapport.layeringother.OtherServiceClass;

/** A repository that also reaches into another service, for {@code LayeringRulesTest}. */
public class SampleRepository {
    OtherServiceClass other;
}
