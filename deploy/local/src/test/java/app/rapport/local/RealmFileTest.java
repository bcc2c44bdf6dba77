package app.rapport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/keycloak/rapport-realm.json, the one realm local run, compose and Kubernetes import:
 * the console's client, the claims the console and the services read, and the demo users.
 * (LocalPlatformRunTest signs in for real and reads the tokens.)
 */
class RealmFileTest {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    static JsonNode realm;
    static JsonNode client;
    static JsonNode profile;

    @BeforeAll
    static void load() throws IOException {
        Path file = DockerComposeFileTest.findRepoRoot().resolve("deploy/keycloak/rapport-realm.json");
        ObjectMapper json = new ObjectMapper();
        realm = json.readTree(file.toFile());
        List<JsonNode> clients = new ArrayList<>();
        realm.path("clients").forEach(clients::add);
        assertThat(clients).extracting(c -> c.path("clientId").asText()).containsExactly("rapport-console");
        client = clients.get(0);
        JsonNode providers = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider");
        assertThat(providers).as("a declarative user profile").hasSize(1);
        assertThat(providers.get(0).path("providerId").asText()).isEqualTo("declarative-user-profile");
        profile = json.readTree(providers.get(0).path("config").path("kc.user.profile.config").get(0).asText());
    }

    /** The value Keycloak imports when the placeholder's variable is not set. */
    static String withDefaults(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
    }

    @Test
    void theConsoleIsAConfidentialClientOfTheStandardFlowOnly() {
        assertThat(realm.path("realm").asText()).isEqualTo(IdentityProvider.REALM);
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("clientAuthenticatorType").asText()).isEqualTo("client-secret");
        assertThat(withDefaults(client.path("secret").asText())).isEqualTo(IdentityProvider.DEV_CLIENT_SECRET);
        // the secret is a placeholder, so that a cluster sets it from a Secret
        assertThat(client.path("secret").asText()).matches(PLACEHOLDER.pattern());
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        for (String off : List.of("implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled")) {
            assertThat(client.path(off).asBoolean()).as(off).isFalse();
        }
        assertThat(client.path("attributes").path("oauth2.device.authorization.grant.enabled").asText()).isEqualTo("false");
        List<String> redirects = new ArrayList<>();
        client.path("redirectUris").forEach(u -> redirects.add(withDefaults(u.asText())));
        assertThat(redirects).contains("http://127.0.0.1:8080/oauth/callback/rapport", "http://localhost:8080/oauth/callback/rapport")
                .allSatisfy(u -> assertThat(u).endsWith("/oauth/callback/rapport").doesNotContain("*"));
        // After sign-out the console sends people to its /signed-out page; "+" admits the redirect URIs too.
        List<String> afterSignOut = List.of(withDefaults(client.path("attributes").path("post.logout.redirect.uris").asText())
                .split("##"));
        assertThat(afterSignOut).contains("+", "http://127.0.0.1:8080/signed-out", "http://localhost:8080/signed-out");
        assertThat(client.path("webOrigins").toString()).isEqualTo("[\"+\"]");
    }

    @Test
    void tokensLiveHalfAnHourAndSignInsAWorkingDay() {
        assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(1800);
        assertThat(realm.path("ssoSessionMaxLifespan").asInt()).isEqualTo(8 * 3600);
        assertThat(realm.path("ssoSessionIdleTimeout").asInt()).isBetween(1800, 8 * 3600);
    }

    @Test
    void clinicClinicsAndRolesAreTopLevelClaimsOfIdAndAccessTokens() {
        Map<String, JsonNode> mappers = new TreeMap<>();
        client.path("protocolMappers").forEach(m -> mappers.put(m.path("config").path("claim.name").asText(m.path("name").asText()), m));

        JsonNode clinic = mappers.get("clinic");
        assertThat(clinic.path("protocolMapper").asText()).isEqualTo("oidc-usermodel-attribute-mapper");
        assertThat(clinic.path("config").path("user.attribute").asText()).isEqualTo("clinic");
        assertThat(clinic.path("config").path("multivalued").asText()).isEqualTo("false");
        assertThat(clinic.path("config").path("jsonType.label").asText()).isEqualTo("String");

        JsonNode clinics = mappers.get("clinics");
        assertThat(clinics.path("protocolMapper").asText()).isEqualTo("oidc-usermodel-attribute-mapper");
        assertThat(clinics.path("config").path("user.attribute").asText()).isEqualTo("clinics");
        assertThat(clinics.path("config").path("multivalued").asText()).as("a JSON array").isEqualTo("true");

        JsonNode roles = mappers.get("roles");
        assertThat(roles.path("protocolMapper").asText()).isEqualTo("oidc-usermodel-realm-role-mapper");
        assertThat(roles.path("config").path("multivalued").asText()).isEqualTo("true");
        assertThat(roles.path("config").path("usermodel.realmRoleMapping.rolePrefix").asText()).isEmpty();

        for (JsonNode m : List.of(clinic, clinics, roles)) {
            assertThat(m.path("config").path("id.token.claim").asText()).as("%s in the ID token", m.path("name")).isEqualTo("true");
            assertThat(m.path("config").path("access.token.claim").asText()).as("%s in the access token", m.path("name")).isEqualTo("true");
        }

        List<JsonNode> audience = new ArrayList<>();
        client.path("protocolMappers").forEach(m -> {
            if ("oidc-audience-mapper".equals(m.path("protocolMapper").asText())) {
                audience.add(m.path("config"));
            }
        });
        assertThat(audience).as("an audience mapper").hasSize(1);
        assertThat(audience.get(0).path("included.client.audience").asText()).isEqualTo("rapport-console");
        assertThat(audience.get(0).path("access.token.claim").asText()).isEqualTo("true");
    }

    @Test
    void rolesHoldOnlyTheFourRapportRoles() {
        List<String> realmRoles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        assertThat(realmRoles).containsExactlyInAnyOrder("staff", "clinician", "group-admin", "ops");
        // Without full scope a token carries only the roles the client is scoped to: not
        // Keycloak's default-roles-rapport, offline_access or uma_authorization.
        assertThat(client.path("fullScopeAllowed").asBoolean(true)).isFalse();
        JsonNode scope = realm.path("scopeMappings").get(0);
        assertThat(scope.path("client").asText()).isEqualTo("rapport-console");
        List<String> scoped = new ArrayList<>();
        scope.path("roles").forEach(r -> scoped.add(r.asText()));
        assertThat(scoped).containsExactlyInAnyOrderElementsOf(realmRoles);
    }

    @Test
    void theUserProfileDeclaresClinicAndClinicsWhichOnlyAdministratorsEdit() {
        Map<String, JsonNode> attributes = new TreeMap<>();
        profile.path("attributes").forEach(a -> attributes.put(a.path("name").asText(), a));
        assertThat(attributes).containsKeys("username", "email", "firstName", "lastName", "clinic", "clinics");
        assertThat(attributes.get("clinic").path("multivalued").asBoolean()).isFalse();
        assertThat(attributes.get("clinics").path("multivalued").asBoolean()).isTrue();
        for (String a : List.of("clinic", "clinics")) {
            assertThat(attributes.get(a).path("permissions").path("edit").toString()).as("%s edit", a).isEqualTo("[\"admin\"]");
        }
        // Unmanaged attributes would be dropped on import: clinic and clinics must be declared.
        assertThat(profile.path("unmanagedAttributePolicy").isMissingNode()).isTrue();
    }

    @Test
    void theDemoUsersSignInWithTheirNameAndCarryTheirClinicAndRoles() {
        Map<String, JsonNode> users = new TreeMap<>();
        realm.path("users").forEach(u -> users.put(u.path("username").asText(), u));
        assertThat(users).containsOnlyKeys("frontdesk", "clinician", "manager", "ops", "tacoma");
        Pattern clinicId = Pattern.compile(profileAttribute("clinic").path("validations").path("pattern").path("pattern").asText());
        for (JsonNode u : users.values()) {
            String name = u.path("username").asText();
            assertThat(u.path("enabled").asBoolean()).as(name).isTrue();
            assertThat(u.path("emailVerified").asBoolean()).as(name).isTrue();
            assertThat(u.path("firstName").asText()).as(name).isNotBlank();
            assertThat(u.path("lastName").asText()).as(name).isNotBlank();
            assertThat(u.path("email").asText()).as(name).contains("@");
            assertThat(u.path("requiredActions")).as(name + " required actions").isEmpty();
            JsonNode password = u.path("credentials").get(0);
            assertThat(password.path("type").asText()).isEqualTo("password");
            assertThat(password.path("value").asText()).as(name + " password").isEqualTo(name);
            assertThat(password.path("temporary").asBoolean()).isFalse();
            assertThat(u.path("attributes").path("clinic")).as(name + " clinic").hasSize(1);
            assertThat(u.path("attributes").path("clinic").get(0).asText()).matches(clinicId);
        }
        assertThat(DemoRealm.users(DockerComposeFileTest.findRepoRoot().resolve("deploy/keycloak/rapport-realm.json")))
                .extracting(u -> u.username() + " " + u.password() + " " + u.clinic() + " " + u.roles() + " " + u.clinics())
                .containsExactly(
                        "frontdesk frontdesk seattle-downtown [staff] []",
                        "clinician clinician seattle-downtown [staff, clinician] []",
                        "manager manager seattle-downtown [staff, group-admin] [seattle-downtown, tacoma]",
                        "ops ops seattle-downtown [ops] []",
                        "tacoma tacoma tacoma [staff, clinician] []");
    }

    @Test
    void everyPlaceholderHasADefault() {
        // Keycloak resolves ${NAME:default} from its environment at import: the realm has to
        // work with none of them set (local run, compose).
        assertThat(Pattern.compile("\\$\\{[^}:]*}").matcher(realm.toString()).results().map(r -> r.group()).toList())
                .isEmpty();
    }

    private static JsonNode profileAttribute(String name) {
        for (JsonNode a : profile.path("attributes")) {
            if (name.equals(a.path("name").asText())) {
                return a;
            }
        }
        throw new AssertionError("no user-profile attribute " + name);
    }
}
