package app.rapport.console.browser;

import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clinic group's identity provider for browser tests: mock-oauth2-server in the test JVM,
 * issuer {@value #ISSUER_ID}, with its interactive sign-in page (a username field and a claims
 * box). What the person types in the claims box becomes top-level claims of the ID and access
 * tokens; this provider only sets the access token's audience to the console's client id.
 */
public final class IdentityProvider implements AutoCloseable {

    public static final String ISSUER_ID = "rapport";
    public static final String CLIENT_ID = "rapport-console";
    public static final String CLIENT_SECRET = "test-secret";

    private final MockOAuth2Server server;
    private final int port;

    private IdentityProvider(MockOAuth2Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on a free loopback port. */
    public static IdentityProvider start() {
        int port = FreePorts.one();
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, null, null, false,
                new OAuth2TokenProvider(), Set.of(new ConsoleAudience())));
        // Named by its address, not "localhost": tokens issued without a request (accessToken) then
        // carry the same issuer as those the browser gets, the one the services are told to trust.
        try {
            server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new IdentityProvider(server, port);
    }

    /** {@code http://127.0.0.1:<port>}: the same host the browser and the console use, so the issuer matches. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code <base>/rapport}: what the console is given as {@code RAPPORT_OIDC_ISSUER}. */
    public String issuerUrl() {
        return baseUrl() + "/" + ISSUER_ID;
    }

    public String discoveryUrl() {
        return issuerUrl() + "/.well-known/openid-configuration";
    }

    /** The keys the services verify the provider's RS256 tokens with ({@code RAPPORT_OIDC_JWKS_URL}). */
    public String jwksUrl() {
        return issuerUrl() + "/jwks";
    }

    /**
     * An RS256 access token for {@code staff}, as the provider would issue after sign-in, without a
     * browser: for calling the services the way the console does.
     */
    public String accessToken(StaffMember staff) {
        return server.issueToken(ISSUER_ID, CLIENT_ID, new ConsoleAudience(staff.claims())).serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** Tokens for the console's client: audience {@value #CLIENT_ID} (the ID token's is the client id anyway). */
    private static final class ConsoleAudience implements OAuth2TokenCallback {

        private final Map<String, Object> claims;

        ConsoleAudience() {
            this(Map.of());
        }

        ConsoleAudience(Map<String, Object> claims) {
            this.claims = claims;
        }

        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(TokenRequest tokenRequest) {
            // Replaced by the typed username after interactive sign-in.
            Object user = claims.get("preferred_username");
            return user == null ? "anonymous" : user.toString();
        }

        @Override
        public String typeHeader(TokenRequest tokenRequest) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest tokenRequest) {
            return List.of(CLIENT_ID);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest tokenRequest) {
            // No defaults here: in 6.0.2 these are merged over what the person typed, so a default
            // "roles": [] would erase the typed roles. StaffMember always types clinic, clinics and roles.
            return claims;
        }

        @Override
        public long tokenExpiry() {
            return Duration.ofHours(1).toSeconds();
        }
    }
}
