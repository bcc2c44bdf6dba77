package app.rapport.referrals.web;

import app.rapport.platform.logging.IntakeTokens;
import app.rapport.platform.web.Problem;
import app.rapport.referrals.domain.TooManySubmissionsException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** 429 problem+json with Retry-After, so a partner's form can tell the office when to try again. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class TooManySubmissionsHandler implements ExceptionHandler<TooManySubmissionsException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, TooManySubmissionsException e) {
        return HttpResponse.<Problem>status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(Problem.MEDIA_TYPE)
                .body(new Problem(Problem.TYPE_BASE + "too-many-requests", "Too Many Requests", 429, e.getMessage(),
                        IntakeTokens.masked(request.getPath()), null, Map.of("retryAfterSeconds", e.retryAfterSeconds())));
    }
}
