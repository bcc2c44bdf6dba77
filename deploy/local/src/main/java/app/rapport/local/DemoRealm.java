package app.rapport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo sign-ins of the realm file, read from the file itself so that what
 * {@code deploy/local/run} prints is what Keycloak imported.
 */
final class DemoRealm {

    record DemoUser(String username, String password, String clinic, List<String> clinics, List<String> roles) {
    }

    private DemoRealm() {
    }

    static List<DemoUser> users(Path realmFile) {
        JsonNode realm;
        try {
            realm = new ObjectMapper().readTree(realmFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm " + realmFile + ": " + e.getMessage(), e);
        }
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode u : realm.path("users")) {
            String password = "";
            for (JsonNode c : u.path("credentials")) {
                if ("password".equals(c.path("type").asText())) {
                    password = c.path("value").asText();
                }
            }
            users.add(new DemoUser(u.path("username").asText(), password,
                    u.path("attributes").path("clinic").path(0).asText(""),
                    texts(u.path("attributes").path("clinics")), texts(u.path("realmRoles"))));
        }
        return users;
    }

    /** The table deploy/local/run prints. */
    static String table(List<DemoUser> users) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-11s %-11s %-18s %s%n",
                "user", "password", "clinic", "roles"));
        for (DemoUser u : users) {
            String roles = String.join(",", u.roles());
            if (!u.clinics().isEmpty()) {
                roles += "  (clinics " + String.join(",", u.clinics()) + ")";
            }
            sb.append(String.format(Locale.ROOT, "  %-11s %-11s %-18s %s%n", u.username(), u.password(), u.clinic(), roles));
        }
        return sb.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
