package app.rapport.referrals.domain;

/** An intake link used more often than its window allows; answered 429 with Retry-After. */
public class TooManySubmissionsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManySubmissionsException(long retryAfterSeconds, int limit) {
        super("This intake link took " + limit + " submissions in its current window; try again in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
