package app.rapport.outreach.config;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Where thank-you and invitation e-mails go out. */
@Singleton
public record SmtpSettings(@Value("${rapport.outreach.smtp.host}") String host,
                           @Value("${rapport.outreach.smtp.port}") int port,
                           @Value("${rapport.outreach.smtp.user:}") String user,
                           @Value("${rapport.outreach.smtp.password:}") String password,
                           @Value("${rapport.outreach.smtp.from}") String from,
                           @Value("${rapport.outreach.smtp.starttls:false}") boolean starttls) {

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", user=" + user + ", from=" + from + "]";
    }
}
