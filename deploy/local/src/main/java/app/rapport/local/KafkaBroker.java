package app.rapport.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one process),
 * run as a child JVM from the Apache Kafka jars ({@code kafka.Kafka server.properties}).
 * Files: {@code <data>/kafka/server.properties}, {@code <data>/kafka/log-data} (the topics),
 * {@code <data>/logs/kafka.log} (the broker's output).
 */
final class KafkaBroker {

    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";

    private final LocalPlatformOptions options;
    private final Path dataRoot;
    private final Path root;
    private final Path logDataDir;
    private final Path serverProperties;
    private final Path logbackConfig;
    private final Path argFile;
    private final Path logFile;
    private final Path pidFile;
    private ChildProcess process;

    KafkaBroker(LocalPlatformOptions options, Path dataRoot) {
        this.options = options;
        this.dataRoot = dataRoot;
        this.root = dataRoot.resolve("kafka");
        this.logDataDir = root.resolve("log-data");
        this.serverProperties = root.resolve("server.properties");
        this.logbackConfig = root.resolve("logback.xml");
        this.argFile = root.resolve("java-classpath.args");
        this.logFile = dataRoot.resolve("logs").resolve("kafka.log");
        this.pidFile = dataRoot.resolve("run").resolve("kafka.pid");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + options.kafkaPort();
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized ChildProcess process() {
        return process;
    }

    /** Starts the broker process (formatting the storage on first use); does not wait for it. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(logDataDir);
            ChildProcess.killStale(pidFile, serverProperties.toAbsolutePath().toString());
            Ports.requireFree(options.kafkaPort(), "Kafka", "--kafka-port");
            Ports.requireFree(options.controllerPort(), "The Kafka controller", "--controller-port");
            writeConfigFiles();
            formatStorageIfNeeded();
            List<String> cmd = javaCommand();
            cmd.add(MAIN_CLASS);
            cmd.add(serverProperties.toAbsolutePath().toString());
            process = ChildProcess.start("kafka", cmd, Map.of(), root, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the broker answers a describeCluster with itself in the node list. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Ports.accepts(options.kafkaPort())) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw notReady(timeout);
            }
            sleep(200);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "rapport-local-runtime-readiness");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                checkAlive();
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500))
                            .nodes().get(3, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                } catch (Exception notYet) {
                    // retry until the deadline
                }
                if (System.nanoTime() > deadline) {
                    throw notReady(timeout);
                }
                sleep(250);
            }
        }
    }

    synchronized void stop(boolean kill9) {
        if (process != null) {
            // A controlled shutdown of a combined-mode node takes a few seconds.
            process.stop(kill9, Duration.ofSeconds(45));
            process = null;
        }
    }

    private void checkAlive() {
        ChildProcess p = process();
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("Kafka exited" + (p == null ? "" : " with code " + p.exitCode().orElse(-1))
                    + "; see " + logFile + "\n--- last lines ---\n" + ChildProcess.tail(logFile, 40));
        }
    }

    private IllegalStateException notReady(Duration timeout) {
        return new IllegalStateException("Kafka was not ready within " + timeout + "; see " + logFile
                + "\n--- last lines ---\n" + ChildProcess.tail(logFile, 40));
    }

    private void formatStorageIfNeeded() throws IOException {
        if (Files.isRegularFile(logDataDir.resolve("meta.properties"))) {
            return;
        }
        Path clusterIdFile = root.resolve("cluster.id");
        String clusterId;
        if (Files.isRegularFile(clusterIdFile)) {
            clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(clusterIdFile, clusterId, StandardCharsets.UTF_8);
        }
        // With a static quorum (controller.quorum.voters) Kafka 4.1 formats without
        // --standalone, which is only for a dynamic quorum (controller.quorum.bootstrap.servers).
        List<String> cmd = javaCommand();
        cmd.addAll(List.of(STORAGE_TOOL_CLASS, "format", "--cluster-id", clusterId,
                "--config", serverProperties.toAbsolutePath().toString(), "--ignore-formatted"));
        ChildProcess format = ChildProcess.start("kafka-storage-format", cmd, Map.of(), root, logFile,
                dataRoot.resolve("run").resolve("kafka-format.pid"));
        format.awaitSuccess("Formatting the Kafka storage", Duration.ofSeconds(120));
    }

    private List<String> javaCommand() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(options.kafkaJvmOptions());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlogback.configurationFile=" + logbackConfig.toAbsolutePath());
        cmd.add("-Dkafka.logs.dir=" + logFile.getParent().toAbsolutePath());
        cmd.add("-Drapport.local.owner=" + dataRoot.toAbsolutePath());
        // The classpath can be long (a test JVM's); an @argfile keeps it off the command line.
        cmd.add("@" + argFile.toAbsolutePath());
        return cmd;
    }

    private void writeConfigFiles() throws IOException {
        StringBuilder sb = new StringBuilder("# Written by the Rapport local runtime at every start; edits are lost.\n");
        serverProperties(options, logDataDir.toAbsolutePath()).forEach((k, v) -> sb.append(k).append('=')
                .append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(serverProperties, sb.toString(), StandardCharsets.UTF_8);
        Files.writeString(logbackConfig, LOGBACK_XML, StandardCharsets.UTF_8);
        String cp = classpath();
        Files.writeString(argFile, "-cp \"" + cp.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                StandardCharsets.UTF_8);
    }

    String classpath() {
        String cp = options.kafkaClasspath();
        if (cp == null || cp.isBlank()) {
            cp = defaultClasspath();
        }
        return cp;
    }

    /**
     * The running JVM's classpath. Under Surefire/Failsafe {@code java.class.path} may be a
     * manifest-only booter jar; {@code surefire.test.class.path} then lists the real entries.
     */
    static String defaultClasspath() {
        try {
            Class.forName(MAIN_CLASS, false, KafkaBroker.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kafka_2.13 is not on the classpath: depend on app.rapport:local-runtime"
                    + " (it brings the Kafka broker jars) or set LocalPlatformOptions.kafkaClasspath");
        }
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        return System.getProperty("java.class.path", "");
    }

    static Map<String, String> serverProperties(LocalPlatformOptions o, Path logDirs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + o.controllerPort());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + o.kafkaPort() + ",CONTROLLER://127.0.0.1:" + o.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + o.kafkaPort());
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logDirs.toString().replace(File.separatorChar, '/'));
        p.put("num.partitions", "6");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "12");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumer groups start consuming at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The consumer group protocol (ADR 0014) hands partitions over at heartbeats: every 5 s by
        // default, so a service's readiness (which waits for its partitions) came up to 5 s late.
        // A second member's share reaches it only after the first let it go at its own next
        // heartbeat, which the start profile (ADR 0023) showed as an extra second: 500 ms.
        p.put("group.consumer.min.heartbeat.interval.ms", "500");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.retention.hours", "168");
        p.putAll(o.kafkaProperties());
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static final String LOGBACK_XML = """
            <configuration>
              <!-- The broker's child JVM: its stdout is appended to <data>/logs/kafka.log. -->
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka.clients" level="WARN"/>
              <logger name="org.apache.kafka.common.config" level="WARN"/>
              <logger name="kafka.server.KafkaConfig" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
