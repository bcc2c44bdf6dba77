package app.rapport.platform.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * rapport.mail.*: the clinic group's outgoing mail server, from {@code RAPPORT_SMTP_*} (see
 * rapport-platform.yml). Each service that sends mail names its own default sender address.
 */
@ConfigurationProperties("rapport.mail")
public class MailSettings {

    private String host = "127.0.0.1";
    private int port = 587;
    @Nullable
    private String user;
    @Nullable
    private String password;
    private String from = "rapport@rapport.invalid";
    /**
     * STARTTLS, and then required: a server that does not offer it gets nothing. Off only for a
     * local test server; a login turns it on regardless, so a password never crosses in the clear.
     */
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

    public boolean login() {
        return user != null && !user.isBlank();
    }

    /** Whether the connection must be upgraded to TLS before anything is sent. */
    public boolean tlsRequired() {
        return starttls || login();
    }

    /** The part of the sender address after the {@code @}: the domain of every Message-ID we make. */
    public String senderDomain() {
        return from.substring(from.indexOf('@') + 1);
    }
}
