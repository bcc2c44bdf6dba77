package app.rapport.platform.web;

import app.rapport.platform.domain.DomainException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a {@link DomainException} into its problem+json answer ({@link ProblemException#of}). */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {DomainException.class, ExceptionHandler.class})
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    private final ProblemExceptionHandler problems;

    public DomainExceptionHandler(ProblemExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        return problems.handle(request, ProblemException.of(exception));
    }
}
