package app.rapport.platform.web;

import app.rapport.platform.sample.Note;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * People sign in at the group's identity provider, whose RS256 tokens the services verify by the
 * provider's published keys (RAPPORT_OIDC_JWKS_URL), beside the HS256 tokens of scripts; and a
 * person listed in several clinics acts in the one the X-Rapport-Clinic header names.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProviderTokensTest implements TestPropertyProvider {

    private static final String HOME = TestClinics.unique("renton");
    private static final String SECOND = TestClinics.unique("kirkland");
    private static final String ISSUER = "http://idp.example/realms/rapport";
    private static final String AUDIENCE = "rapport-services";

    private final RSAKey providerKey = generate("provider-key");
    private final RSAKey strangerKey = generate("provider-key");
    private HttpServer jwks;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] body = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        // The platform's defaults loader reads it as the services read RAPPORT_OIDC_JWKS_URL.
        System.setProperty("rapport.oidc.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs");
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("platform_idp"));
        props.put("rapport.oidc.issuer", ISSUER); // RAPPORT_OIDC_ISSUER
        props.put("rapport.oidc.audience", AUDIENCE); // RAPPORT_OIDC_AUDIENCE
        return props;
    }

    @AfterAll
    void stop() {
        System.clearProperty("rapport.oidc.jwks-url");
        jwks.stop(0);
    }

    @Test
    void aProviderTokenWorksAndTheHeaderChoosesAClinicTheTokenLists() {
        String token = providerToken(providerKey, HOME, List.of(HOME, SECOND), Instant.now().plusSeconds(600));
        Note inSecond = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "from the switcher"))
                .bearerAuth(token).header("X-Rapport-Clinic", SECOND), Note.class);
        Note atHome = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "home"))
                .bearerAuth(token), Note.class);

        assertThat(inSecond.clinicId()).isEqualTo(SECOND);
        assertThat(atHome.clinicId()).isEqualTo(HOME);
        // The second clinic's own staff see the note; the home clinic does not.
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/test-notes/" + inSecond.id())
                .header("Authorization", TestTokens.bearer(SECOND, "staff")), Note.class).text()).isEqualTo("from the switcher");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/test-notes/" + inSecond.id()).bearerAuth(token), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @Test
    void theHeaderCannotChooseAClinicTheTokenDoesNotList() {
        String token = providerToken(providerKey, HOME, List.of(HOME), Instant.now().plusSeconds(600));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "x")).bearerAuth(token)
                        .header("X-Rapport-Clinic", SECOND), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(e.getResponse().getBody(String.class).orElse("")).contains(SECOND);
        // An HS256 token without a clinics claim cannot switch either.
        HttpClientResponseException hs = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "x"))
                        .header("Authorization", TestTokens.bearer(HOME, "staff"))
                        .header("X-Rapport-Clinic", SECOND), String.class));
        assertThat(hs.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
    }

    @Test
    void tokensSignedByAnotherKeyOrExpiredAre401() {
        for (String token : List.of(providerToken(strangerKey, HOME, List.of(), Instant.now().plusSeconds(600)),
                providerToken(providerKey, HOME, List.of(), Instant.now().minusSeconds(60)))) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "x")).bearerAuth(token), String.class));
            assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        }
    }

    @Test
    void aTokenWithoutExpOrNotYetValidOrFromAnotherIssuerOrForAnotherAudienceIs401() {
        Instant later = Instant.now().plusSeconds(600);
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("provider token without exp", signed(providerKey, claims(HOME, List.of(), null).build()));
        refused.put("provider token with nbf in ten minutes", signed(providerKey, claims(HOME, List.of(), later)
                .notBeforeTime(Date.from(later.minusSeconds(60))).build()));
        refused.put("provider key, another issuer", signed(providerKey, claims(HOME, List.of(), later)
                .issuer("http://elsewhere.example/realms/rapport").build()));
        refused.put("provider token for another audience", signed(providerKey, claims(HOME, List.of(), later)
                .audience("account").build()));
        refused.put("HS256 token without exp", hs256(new JWTClaimsSet.Builder().subject("script").issuer("rapport")
                .claim("clinic", HOME).claim("roles", List.of("staff")).build()));
        refused.put("HS256 token with nbf ahead", hs256(new JWTClaimsSet.Builder().subject("script").issuer("rapport")
                .expirationTime(Date.from(later)).notBeforeTime(Date.from(later.minusSeconds(60)))
                .claim("clinic", HOME).claim("roles", List.of("staff")).build()));
        refused.put("HS256 token with another issuer", hs256(new JWTClaimsSet.Builder().subject("script")
                .issuer("someone-else").expirationTime(Date.from(later))
                .claim("clinic", HOME).claim("roles", List.of("staff")).build()));
        Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        refused.forEach((what, token) -> statuses.put(what, assertThrows(HttpClientResponseException.class, () -> http
                .toBlocking().exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "x")).bearerAuth(token),
                        String.class)).getStatus().getCode()));
        assertThat(statuses).allSatisfy((what, status) -> assertThat(status).as(what).isEqualTo(401));
        // The same shapes done right pass: the refusals above are the claims, not the signature.
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "x"))
                .bearerAuth(signed(providerKey, claims(HOME, List.of(), later)
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(5))).build())), String.class)
                .getStatus().getCode()).isEqualTo(201);
    }

    private static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String clinic, List<String> clinics, Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject("6a1f0c2e-frontdesk").issuer(ISSUER).audience(List.of(AUDIENCE, "account"))
                .claim("preferred_username", "frontdesk")
                .issueTime(new Date()).expirationTime(expires == null ? null : Date.from(expires))
                .claim("clinic", clinic).claim("clinics", clinics)
                // Keycloak adds its own roles beside the realm roles Rapport defines.
                .claim("roles", List.of("staff", "default-roles-rapport", "offline_access"));
    }

    private static String providerToken(RSAKey key, String clinic, List<String> clinics, Instant expires) {
        return signed(key, claims(clinic, clinics, expires).build());
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
