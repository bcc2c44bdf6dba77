package app.rapport.reports.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** rapport.reports.smtp.*: the clinic's outgoing mail server for e-mailed reports. */
@ConfigurationProperties("rapport.reports.smtp")
public class SmtpSettings {

    private String host = "127.0.0.1";
    private int port = 587;
    @Nullable
    private String user;
    @Nullable
    private String password;
    private String from = "reports@rapport.invalid";
    /** STARTTLS when the server offers it; required in production, off for a local test server. */
    private boolean starttls = true;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    @Nullable
    public String getUser() {
        return user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    @Nullable
    public String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public boolean isStarttls() {
        return starttls;
    }

    public void setStarttls(boolean starttls) {
        this.starttls = starttls;
    }
}
