package app.rapport.platform.web;

import app.rapport.platform.logging.IntakeTokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a {@link ProblemException} into its problem+json answer. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(exception.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(exception.toProblem(IntakeTokens.masked(request.getPath())));
        exception.headers().forEach(response::header);
        return response;
    }
}
