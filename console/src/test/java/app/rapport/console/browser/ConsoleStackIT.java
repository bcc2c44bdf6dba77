package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of the browser-test stack work together without the console in between: the
 * provider's sign-in page in Chromium issues the tokens the console will get, the services accept
 * them, and a thank-you e-mail reaches the mail server.
 */
@ConsoleTest
class ConsoleStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signingInAtTheProvidersPageGivesTokensTheServicesAccept(ConsoleStack stack, Page page) throws Exception {
        String clinic = ClinicData.uniqueClinic("seattle-downtown");
        StaffMember frontDesk = StaffMember.of("frontdesk", clinic, "staff");
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        HttpServer client = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        client.createContext("/oauth/callback/rapport", exchange -> {
            callback.complete(query(exchange.getRequestURI().getRawQuery()));
            byte[] body = "<html><body><h1>Back at the client</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        client.start();
        try {
            String redirectUri = "http://127.0.0.1:" + client.getAddress().getPort() + "/oauth/callback/rapport";
            page.navigate(stack.provider().issuerUrl() + "/authorize?response_type=code&scope=openid&state=s-1&nonce=n-1"
                    + "&client_id=" + IdentityProvider.CLIENT_ID + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));

            ProviderSignInPage signIn = new ProviderSignInPage(page);
            assertThat(signIn.isShown()).as("the provider shows its sign-in form").isTrue();
            Screenshots.save(page, "provider-sign-in");
            signIn.signInAs(frontDesk);

            Map<String, String> returned = callback.get(30, TimeUnit.SECONDS);
            assertThat(returned).containsEntry("state", "s-1").containsKey("code");
            JsonNode tokens = exchange(stack, returned.get("code"), redirectUri);

            JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token").asText()).getJWTClaimsSet();
            JWTClaimsSet access = SignedJWT.parse(tokens.path("access_token").asText()).getJWTClaimsSet();
            for (JWTClaimsSet claims : List.of(id, access)) {
                assertThat(claims.getSubject()).isEqualTo("frontdesk");
                assertThat(claims.getIssuer()).isEqualTo(stack.provider().issuerUrl());
                assertThat(claims.getAudience()).contains(IdentityProvider.CLIENT_ID);
                assertThat(claims.getStringClaim("clinic")).isEqualTo(clinic);
                assertThat(claims.getStringListClaim("roles")).containsExactly("staff");
                assertThat(claims.getStringListClaim("clinics")).isEmpty();
            }
            assertThat(id.getStringClaim("nonce")).isEqualTo("n-1");

            // The services take the person's own token: a partner registered with it is the clinic's.
            ServiceApi contacts = stack.api(RapportService.CONTACTS);
            Map<String, Object> partner = new HashMap<>();
            partner.put("firstName", "Hannah");
            partner.put("lastName", "Lindqvist");
            partner.put("specialty", "DOULA");
            partner.put("email", "hannah@birthwell.example.com");
            ServiceApi.Answer created = contacts.post("/api/v1/practitioners", tokens.path("access_token").asText(), partner);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String scriptToken = stack.platform().mintToken(clinic, "staff");
            assertThat(contacts.get("/api/v1/practitioners/" + created.text("id"), scriptToken).text("lastName"))
                    .isEqualTo("Lindqvist");
        } finally {
            client.stop(0);
        }
    }

    @Test
    void aThankYouByEmailReachesTheMailServer(ConsoleStack stack) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("tacoma"));
        ClinicData.Partner partner = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        String referral = clinic.receiveReferral(partner);

        JsonNode task = clinic.awaitThankYouTask(referral);
        assertThat(task.path("channel").asText()).isEqualTo("EMAIL");
        ServiceApi.Answer delivered = clinic.outreach().post("/api/v1/tasks/" + task.path("id").asText() + "/deliver",
                clinic.token(), null);
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);

        MailServer.Mail mail = stack.mail().awaitMailTo(partner.email(), Duration.ofSeconds(30));
        assertThat(mail.subject()).isEqualTo("Thank you for your referral to the clinic");
        assertThat(mail.text()).contains("Okafor").contains("Thank you for trusting us with the care of your patient");
    }

    private static JsonNode exchange(ConsoleStack stack, String code, String redirectUri) throws Exception {
        String form = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&client_id=" + IdentityProvider.CLIENT_ID + "&client_secret=" + IdentityProvider.CLIENT_SECRET;
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.provider().issuerUrl() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<String, String> query(String raw) {
        return Arrays.stream(raw == null ? new String[0] : raw.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }
}
