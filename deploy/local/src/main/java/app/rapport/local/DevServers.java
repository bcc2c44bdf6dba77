package app.rapport.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The two development servers the local runtime runs from Maven Central artifacts: Keycloak's
 * distribution ({@code org.keycloak:keycloak-quarkus-dist}, zip) and GreenMail standalone
 * ({@code com.icegreen:greenmail-standalone}). Versions come from deploy/local/pom.xml;
 * {@code ./mvnw -pl deploy/local dependency:copy@dev-servers} (which deploy/local/run runs when
 * they are missing) fetches both into {@code deploy/local/target/dev-servers}.
 */
final class DevServers {

    static final String KEYCLOAK_VERSION;
    static final String GREENMAIL_VERSION;
    static final String FETCH_COMMAND = "./mvnw -q -pl deploy/local dependency:copy@dev-servers";

    static {
        Properties p = new Properties();
        try (InputStream in = DevServers.class.getResourceAsStream("dev-servers.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev-servers.properties is missing from the local-runtime jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KEYCLOAK_VERSION = p.getProperty("keycloak.version");
        GREENMAIL_VERSION = p.getProperty("greenmail.version");
    }

    private DevServers() {
    }

    static Path keycloakDistribution(LocalPlatformOptions o) {
        String file = "keycloak-quarkus-dist-" + KEYCLOAK_VERSION + ".zip";
        return find(o, file, "org/keycloak/keycloak-quarkus-dist/" + KEYCLOAK_VERSION + "/" + file, "Keycloak");
    }

    static Path greenMailJar(LocalPlatformOptions o) {
        String file = "greenmail-standalone-" + GREENMAIL_VERSION + ".jar";
        return find(o, file, "com/icegreen/greenmail-standalone/" + GREENMAIL_VERSION + "/" + file, "GreenMail");
    }

    /** The copy in the dev-servers directory, else the one in the local Maven repository. */
    private static Path find(LocalPlatformOptions o, String file, String repoPath, String what) {
        List<Path> candidates = List.of(o.devServersDir().resolve(file), o.mavenRepository().resolve(repoPath));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(what + " is not downloaded yet (looked for " + candidates.get(0) + " and "
                + candidates.get(1) + "). Fetch it from Maven Central with " + FETCH_COMMAND
                + " (deploy/local/run does that when it is missing).");
    }
}
