package app.rapport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in at the provider as a person's browser does for the console (authorization code flow:
 * the sign-in page, its form, the redirect with a code), then redeems the code as the console
 * does. Cookies are kept by hand: Keycloak marks them Secure, which a browser keeps on
 * http://127.0.0.1 and java.net.CookieManager does not.
 */
final class BrowserSignIn {

    record Tokens(JsonNode idToken, JsonNode accessToken, int expiresIn) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** The sign-in page's HTML for the console's client. */
    String signInPage(String issuer, String redirectUri) throws IOException, InterruptedException {
        String query = form(Map.of("client_id", IdentityProvider.CLIENT_ID, "response_type", "code", "scope", "openid",
                "redirect_uri", redirectUri, "state", "state-1", "nonce", "nonce-1"));
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/auth?" + query)).GET());
        if (page.statusCode() != 200) {
            throw new AssertionError("sign-in page answered " + page.statusCode() + ": " + page.body());
        }
        return page.body();
    }

    Tokens signIn(String issuer, String redirectUri, String user, String password, String clientSecret)
            throws IOException, InterruptedException {
        String page = signInPage(issuer, redirectUri);
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page);
        if (!action.find()) {
            throw new AssertionError("no form on the sign-in page");
        }
        String url = action.group(1).replace("&amp;", "&");
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password)))));
        String location = posted.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("signing in as " + user + " did not redirect (" + posted.statusCode() + ")"));
        if (!location.startsWith(redirectUri)) {
            throw new AssertionError("redirected to " + location);
        }
        String code = query(URI.create(location)).get("code");
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", redirectUri, "client_id", IdentityProvider.CLIENT_ID,
                        "client_secret", clientSecret)))).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + token.statusCode() + ": " + token.body());
        }
        JsonNode body = new ObjectMapper().readTree(token.body());
        return new Tokens(claims(body.path("id_token").asText()), claims(body.path("access_token").asText()),
                body.path("expires_in").asInt());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return r;
    }

    static JsonNode claims(String jwt) throws IOException {
        List<String> parts = List.of(jwt.split("\\."));
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts.get(1)));
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String p : uri.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            q.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
