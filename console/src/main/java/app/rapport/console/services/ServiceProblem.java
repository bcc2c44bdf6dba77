package app.rapport.console.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service refused a call: its problem+json, with the message for each field it names, so a
 * form can show each message at its field.
 */
public class ServiceProblem extends RuntimeException {

    private final int status;
    private final Doc problem;

    public ServiceProblem(int status, Doc problem) {
        super(problem.str("detail", problem.str("title", "HTTP " + status)));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Doc problem() {
        return problem;
    }

    public boolean forbidden() {
        return status == 403;
    }

    /** field (as the service names it, e.g. {@code patient.birthDate}) → message. */
    public Map<String, String> fieldErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Doc e : problem.docs("errors")) {
            errors.merge(e.str("field"), e.str("message"), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    /** One sentence for the top of a form or page. */
    public String summary() {
        if (status == 403) {
            return "Your role does not allow this. " + problem.str("detail");
        }
        if (status >= 500 || status == 0) {
            return "The " + problem.str("service", "service") + " could not answer just now. Look at the list before trying again: the change may or may not have been saved.";
        }
        String detail = problem.str("detail");
        return detail.isEmpty() ? problem.str("title", "The request was refused") : detail;
    }
}
