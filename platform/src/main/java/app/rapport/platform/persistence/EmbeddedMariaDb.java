package app.rapport.platform.persistence;

import java.util.List;

/**
 * Server arguments every embedded MariaDB (the tests' and the local runtime's) starts with, so that
 * it behaves as the MySQL 8 the services run on in production.
 */
public final class EmbeddedMariaDb {

    /**
     * MariaDB 10.x announces itself to clients as "5.5.5-10.11.5-MariaDB", and MySQL Connector/J
     * takes a server before 5.6.4 to have no fractional seconds: every Instant lost its
     * sub-second part on the way in, so two rows written within a second (a consent recorded
     * right after another was revoked) sorted at random. Announcing 5.7.19 keeps microseconds as
     * MySQL 8 does, while Connector/J still asks for the variables MariaDB 10.11 has (tx_isolation,
     * tx_read_only: from 5.7.20 it would ask for transaction_read_only, which 10.11 lacks); the MariaDB version stays in the string
     * for Flyway, which reads it from there.
     */
    public static final String ANNOUNCED_VERSION = "--version=5.7.19-10.11.5-MariaDB";

    private EmbeddedMariaDb() {
    }

    public static List<String> serverArgs() {
        return List.of(ANNOUNCED_VERSION, "--bind-address=127.0.0.1", "--default-time-zone=+00:00");
    }
}
