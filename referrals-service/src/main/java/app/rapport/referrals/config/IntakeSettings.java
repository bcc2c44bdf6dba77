package app.rapport.referrals.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Limits of the partners' intake door ({@code rapport.referrals.intake.*}, env vars in the README). */
@ConfigurationProperties("rapport.referrals.intake")
public class IntakeSettings {

    /** Largest submission body; a referral form is a few KB, so anything bigger is not one. */
    private int maxBodyBytes = 16_384;
    /** Submissions one link may make per window, counted in the database so every replica agrees. */
    private int rateLimit = 20;
    private Duration rateWindow = Duration.ofHours(1);
    /** Longest a link may live; staff re-issue rather than hand out a link that works forever. */
    private Duration maxLifetime = Duration.ofDays(366);

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(int rateLimit) {
        this.rateLimit = rateLimit;
    }

    public Duration getRateWindow() {
        return rateWindow;
    }

    public void setRateWindow(Duration rateWindow) {
        this.rateWindow = rateWindow;
    }

    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    public void setMaxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }
}
