package app.rapport.layeringsample.web;

/** A class on the web edge, for {@code LayeringRulesTest}. */
public class SampleController {
}
