package app.rapport.console.web;

import app.rapport.console.security.SignedInUser;
import app.rapport.console.security.StaffSession;
import app.rapport.console.services.ServiceClient;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.views.ModelAndView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save refused because the service cannot be reached: the page comes back with everything the
 * person typed, the message above it, and a status that says the service failed, not the person.
 * The services here are real addresses with nothing listening, as when one is down; the pages are
 * the real templates, rendered as the browser would receive them.
 */
class SettingsWhenAServiceIsDownTest {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static ApplicationContext context;
    private static ServiceClient down;
    private static Pages pages;
    private final StaffSession session = new StaffSession(new SignedInUser("frontdesk", "Jordan Reyes", "harbor",
            List.of("harbor"), Set.of("staff"), "a-token"), "harbor", "csrf-token");

    @BeforeAll
    static void servicesNobodyAnswersAt() throws IOException {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "http://127.0.0.1:" + socket.getLocalPort();
        }
        context = ApplicationContext.builder().build();
        down = new ServiceClient(JsonMapper.createDefault(), nobody, nobody, nobody, nobody);
        pages = new Pages(context.getEnvironment(), "", null);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void theClinicProfileAsTypedComesBackWhenContactsServiceIsDown() {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("_form", Forms.newId());
        typed.put("clinicName", "Harbor Integrative Care");
        typed.put("servicesOffered", "Acupuncture");
        typed.put("howToRefer", "Fax the referral to (206) 555-0111");
        typed.put("locations[0].name", "Capitol Hill");
        typed.put("locations[0].address.line1", "1510 Broadway");

        HttpResponse<?> answer = new ClinicProfileSettingsController(down, pages, new OnceOnly())
                .save(posted("/settings/profile", typed), session, typed);

        assertThat(answer.code()).as("the service failed, not the person").isEqualTo(502);
        String html = render(answer);
        assertThat(html).contains("<form method=\"post\" action=\"/settings/profile\"")
                .contains("value=\"Harbor Integrative Care\"")
                .contains("value=\"1510 Broadway\"")
                .contains(">Fax the referral to (206) 555-0111</textarea>")
                .contains("contacts-service could not answer just now");
    }

    @Test
    void theWordingAsTypedComesBackWhenOutreachServiceIsDown() {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("_form", Forms.newId());
        typed.put("subject", "With thanks from Harbor, {{partnerName}}");
        typed.put("body", "Dear {{partnerName}},\n\nThank you for sending your patient to Harbor.");

        HttpResponse<?> answer = new WordingSettingsController(down, pages, new OnceOnly())
                .save(posted("/settings/wording/THANK_YOU", typed), session, "THANK_YOU", typed);

        assertThat(answer.code()).isEqualTo(502);
        String html = render(answer);
        assertThat(html).contains("value=\"With thanks from Harbor, {{partnerName}}\"")
                .contains("Thank you for sending your patient to Harbor.</textarea>")
                .contains("outreach-service could not answer just now")
                .doesNotContain("data-testid=\"wording-source\"");
    }

    @Test
    void aMessageForAFieldWithoutAnInputNamesTheFieldInWords() {
        StringOutput out = new StringOutput();
        TEMPLATES.render("components/other-errors.jte", Map.of("errors", Map.of("locations[0].phone", "is not a phone number")), out);
        assertThat(out.toString()).contains("Location 1, phone: is not a phone number")
                .contains("data-field-error=\"locations[0].phone\"")
                .doesNotContain("locations[0].phone:");
    }

    /** The form as the browser posts it (the client's request type has no cookies to read a notice from). */
    private static HttpRequest<?> posted(String path, Map<String, String> form) {
        return new SimpleHttpRequest<>(HttpMethod.POST, path, form);
    }

    @SuppressWarnings("unchecked")
    private static String render(HttpResponse<?> answer) {
        ModelAndView<Map<String, Object>> view = (ModelAndView<Map<String, Object>>) answer.body();
        StringOutput out = new StringOutput();
        TEMPLATES.render(view.getView().orElseThrow() + ".jte", view.getModel().orElseThrow(), out);
        return out.toString();
    }
}
