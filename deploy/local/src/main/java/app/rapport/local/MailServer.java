package app.rapport.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GreenMail standalone as the development mail server: SMTP and IMAP without authentication, and
 * a REST API ({@code GET /api/user}, {@code GET /api/user/{email}/messages/INBOX},
 * {@code POST /api/mail/purge}) that the console's local inbox page reads. Messages live in
 * memory only: a restart empties every mailbox.
 */
final class MailServer {

    private final LocalPlatformOptions options;
    private final Path dataRoot;
    private final Path logFile;
    private final Path pidFile;
    private ChildProcess process;

    MailServer(LocalPlatformOptions options, Path dataRoot) {
        this.options = options;
        this.dataRoot = dataRoot;
        this.logFile = dataRoot.resolve("logs").resolve("greenmail.log");
        this.pidFile = dataRoot.resolve("run").resolve("greenmail.pid");
    }

    String apiUrl() {
        return "http://127.0.0.1:" + options.mailApiPort();
    }

    Path logFile() {
        return logFile;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path jar = DevServers.greenMailJar(options);
        String marker = "-Drapport.local.owner=" + dataRoot;
        ChildProcess.killStale(pidFile, marker);
        Ports.requireFree(options.smtpPort(), "GreenMail (SMTP)", "--smtp-port");
        Ports.requireFree(options.imapPort(), "GreenMail (IMAP)", "--imap-port");
        Ports.requireFree(options.mailApiPort(), "GreenMail (REST API)", "--mail-api-port");
        process = ChildProcess.start("greenmail", command(jar, marker), Map.of(), dataRoot.resolve("greenmail"),
                logFile, pidFile);
    }

    List<String> command(Path jar, String marker) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(options.mailJvmOptions());
        cmd.add("-Dgreenmail.smtp.port=" + options.smtpPort());
        cmd.add("-Dgreenmail.imap.port=" + options.imapPort());
        cmd.add("-Dgreenmail.api.port=" + options.mailApiPort());
        cmd.add("-Dgreenmail.hostname=127.0.0.1");
        // Any user name and password are accepted, and a mailbox is made for every recipient.
        cmd.add("-Dgreenmail.auth.disabled");
        cmd.add(marker);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    boolean isReady() {
        return HttpProbe.ok(apiUrl() + "/api/service/readiness");
    }

    void awaitReady(Duration timeout) {
        HttpProbe.await("GreenMail", apiUrl() + "/api/service/readiness", process(), timeout);
    }

    synchronized ChildProcess process() {
        return process;
    }

    synchronized void stop() {
        if (process != null) {
            process.stop(false, Duration.ofSeconds(10));
            process = null;
        }
    }
}
