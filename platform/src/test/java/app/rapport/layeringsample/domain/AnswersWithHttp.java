package app.rapport.layeringsample.domain;

import app.rapport.platform.web.ProblemException;

/** Breaks the rule on refusals on purpose, for {@code LayeringRulesTest}: the domain throws an HTTP problem. */
public class AnswersWithHttp {
    void refuse() {
        throw ProblemException.conflict("no");
    }
}
