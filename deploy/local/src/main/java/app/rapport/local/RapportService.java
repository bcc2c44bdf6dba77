package app.rapport.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four services the local runtime can start, with the database each one owns and its
 * default HTTP port. Names are accepted long ({@code contacts-service}) or short ({@code contacts}).
 */
public enum RapportService {
    CONTACTS("contacts-service", "contacts", 8081),
    REFERRALS("referrals-service", "referrals", 8082),
    OUTREACH("outreach-service", "outreach", 8083),
    REPORTS("reports-service", "reports", 8084);

    private final String moduleName;
    private final String database;
    private final int defaultPort;

    RapportService(String moduleName, String database, int defaultPort) {
        this.moduleName = moduleName;
        this.database = database;
        this.defaultPort = defaultPort;
    }

    /** Maven module directory and artifactId, e.g. {@code contacts-service}. */
    public String moduleName() {
        return moduleName;
    }

    /** Database name; the local runtime also uses it as the database user name. */
    public String database() {
        return database;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The shaded jar built by {@code ./mvnw package}, relative to the repository root. */
    public String jarPath(String version) {
        return moduleName + "/target/" + moduleName + "-" + version + ".jar";
    }

    public static RapportService of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RapportService s : values()) {
            if (s.moduleName.equals(n) || s.database.equals(n) || s.name().toLowerCase(Locale.ROOT).equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + name + "'; known: "
                + Arrays.stream(values()).map(RapportService::moduleName).collect(Collectors.joining(", ")));
    }
}
