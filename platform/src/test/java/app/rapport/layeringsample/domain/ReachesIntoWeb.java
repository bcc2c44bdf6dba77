package app.rapport.layeringsample.domain;

import app.rapport.layeringsample.web.SampleController;

/** Breaks the first rule on purpose, for {@code LayeringRulesTest}. */
public class ReachesIntoWeb {
    SampleController controller;
}
