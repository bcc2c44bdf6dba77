package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The development mail server's inbox (GreenMail's REST API), so a newcomer running Rapport
 * locally sees the thank-you they just sent. Exists only in the local environment.
 */
@Requires(env = "local")
@Requires(property = "rapport.console.dev-mail-api", pattern = ".+")
@Controller(value = "/dev/inbox", produces = MediaType.TEXT_HTML)
public class DevInboxController {

    /** One message as the page shows it; the raw MIME is shown as text (it is a development server). */
    public record Mail(String mailbox, String subject, String from, String received, String body) {
    }

    private final String api;
    private final JsonMapper json;
    private final Pages pages;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public DevInboxController(@Property(name = "rapport.console.dev-mail-api") String api, JsonMapper json, Pages pages) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.json = json;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> inbox(HttpRequest<?> request, StaffSession session) {
        List<Mail> mails = new ArrayList<>();
        String error = "";
        try {
            for (Object user : list(api + "/api/user")) {
                String email = String.valueOf(((Map<?, ?>) user).get("email"));
                for (Object m : list(api + "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")) {
                    Map<?, ?> msg = (Map<?, ?>) m;
                    mails.add(new Mail(email, str(msg.get("subject")), str(msg.get("from")), str(msg.get("receivedDate")),
                            str(msg.get("mimeMessage"))));
                }
            }
        } catch (IOException | RuntimeException e) {
            error = "The development mail server at " + api + " did not answer (" + e.getMessage() + ").";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mails.sort((a, b) -> b.received().compareTo(a.received()));
        return pages.page(request, session, "dev-inbox", "Inbox (local)", "inbox", Map.of("mails", mails, "error", error, "api", api));
    }

    private Collection<?> list(String url) throws IOException, InterruptedException {
        var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        Object parsed = json.readValue(response.body(), Argument.OBJECT_ARGUMENT);
        return parsed instanceof Collection<?> c ? c : List.of();
    }

    private static String str(Object o) {
        if (o instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return o == null ? "" : String.valueOf(o);
    }
}
