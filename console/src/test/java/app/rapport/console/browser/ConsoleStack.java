package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.LocalPlatformOptions;
import app.rapport.local.RapportService;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything a browser test of the console talks to, started once per test JVM and stopped when
 * the test run ends ({@link ConsoleTestExtension} closes it; a shutdown hook too, if the run is
 * interrupted):
 *
 * <ul>
 *   <li>the identity provider (mock-oauth2-server, interactive sign-in page) and the mail server
 *       (GreenMail SMTP), both in this JVM;</li>
 *   <li>the local runtime: embedded MariaDB, a Kafka broker and the four service jars, each in a
 *       JVM of its own, accepting the provider's tokens by its JWKS and sending mail to GreenMail;</li>
 *   <li>the console jar in a JVM of its own, at {@code http://127.0.0.1:<port>};</li>
 *   <li>Debian's Chromium through Playwright.</li>
 * </ul>
 *
 * Scratch data (database, broker log, service logs) lives in {@code console/target/console-it/}
 * and is kept across runs like the system tests' (faster starts); tests keep out of each other's
 * way with {@link ClinicData#uniqueClinic(String)}.
 */
public final class ConsoleStack implements AutoCloseable {

    public static final String SESSION_SECRET = "console-it-session-secret-0123456789abcdef";

    private static ConsoleStack instance;
    private static Throwable startFailure;

    private final Path workDir;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<RapportService, ServiceApi> apis = new EnumMap<>(RapportService.class);
    private final Map<String, Duration> startTimes = Collections.synchronizedMap(new LinkedHashMap<>());
    private IdentityProvider provider;
    private MailServer mail;
    private LocalPlatform platform;
    private ConsoleProcess console;
    private Chromium chromium;
    private volatile RuntimeException consoleFailure;
    private volatile boolean closed;

    private ConsoleStack(Path workDir) {
        this.workDir = workDir;
    }

    /** The stack of this test JVM, started on first use (about 30–40 s on two cores). */
    public static synchronized ConsoleStack get() {
        if (startFailure != null) {
            // Every test class would otherwise wait for another failed start.
            throw new IllegalStateException("The console stack did not start (see the first failure)", startFailure);
        }
        if (instance == null) {
            ConsoleStack stack = new ConsoleStack(createWorkDir());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "console-stack-stop"));
            try {
                stack.start();
            } catch (RuntimeException | Error e) {
                startFailure = e;
                stack.close();
                throw e;
            }
            instance = stack;
        }
        return instance;
    }

    /** Closes the stack of this JVM, if one was started. */
    static synchronized void closeShared() {
        if (instance != null) {
            instance.close();
        }
    }

    private static Path createWorkDir() {
        Path root = repoRoot();
        try {
            return Files.createDirectories(root.resolve("console/target/console-it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("rapport.repo.root", "..")).toAbsolutePath().normalize();
    }

    private static Path consoleJar() {
        String jar = System.getProperty("rapport.console.jar");
        if (jar != null && !jar.isBlank()) {
            return Path.of(jar);
        }
        return repoRoot().resolve("console/target/console-" + LocalPlatformOptions.DEFAULT_VERSION + ".jar");
    }

    private void start() {
        long t0 = System.nanoTime();
        // Two cores: start what waits on I/O side by side, in the order each piece needs the others.
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "console-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            // Neither starts a process: they may run while the driver is unpacked and started.
            Future<?> providerAndMail = pool.submit(timed("identity provider + mail", () -> {
                provider = keep(IdentityProvider.start());
                mail = keep(MailServer.start());
                return null;
            }));
            Playwright driver = timed("playwright driver", Chromium::startDriver).call();
            Future<?> browser = pool.submit(timed("chromium", () -> chromium = keep(Chromium.launch(driver))));
            join(providerAndMail);

            platform = keep(new LocalPlatform(platformOptions()));
            Future<?> db = pool.submit(timed("mariadb", () -> {
                platform.startDatabase();
                return null;
            }));
            Future<?> kafka = pool.submit(timed("kafka", () -> {
                platform.startBroker();
                return null;
            }));
            // The console needs only the provider to start; it calls the services per request.
            int consolePort = FreePorts.one();
            Future<?> consoleReady = pool.submit(timed("console", () -> {
                try {
                    ConsoleProcess p = keep(ConsoleProcess.start(consoleJar(), workDir, consolePort,
                            consoleEnvironment(consolePort)));
                    p.awaitReady(Duration.ofMinutes(2));
                    console = p;
                } catch (RuntimeException e) {
                    // The rest of the stack stays usable; every test that opens the console fails with this.
                    consoleFailure = e;
                    System.err.println("[console-it] the console did not start: " + e.getMessage());
                }
                return null;
            }));
            join(db);
            join(kafka);
            Callable<Object> services = timed("services", () -> {
                for (RapportService s : RapportService.values()) {
                    platform.startService(s);
                }
                platform.awaitHealthy(Duration.ofMinutes(3));
                return null;
            });
            services.call();
            join(consoleReady);
            join(browser);
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        startTimes.put("total", Duration.ofNanos(System.nanoTime() - t0));
        System.out.println("[console-it] stack started: " + startTimes + "; console "
                + (console != null ? console.baseUrl() : "NOT STARTED")
                + ", provider " + provider.issuerUrl() + ", SMTP 127.0.0.1:" + mail.smtpPort()
                + ", Chromium " + chromium.version() + "; logs in " + workDir);
    }

    private LocalPlatformOptions platformOptions() {
        LocalPlatformOptions options = new LocalPlatformOptions()
                .freePorts()
                .repoRoot(repoRoot())
                .dataDir(workDir.resolve("platform"))
                .serviceEnv("RAPPORT_OIDC_JWKS_URL", provider.jwksUrl())
                // The services accept the provider's tokens only from the issuer they name (ADR 0008).
                .serviceEnv("RAPPORT_OIDC_ISSUER", provider.issuerUrl());
        for (RapportService mailer : List.of(RapportService.OUTREACH, RapportService.REPORTS)) {
            options.serviceEnv(mailer, "RAPPORT_SMTP_HOST", mail.host())
                    .serviceEnv(mailer, "RAPPORT_SMTP_PORT", Integer.toString(mail.smtpPort()))
                    .serviceEnv(mailer, "RAPPORT_SMTP_STARTTLS", "false");
        }
        // The referrer's status updates go out within a second or two, not the production half minute.
        options.serviceEnv(RapportService.REPORTS, "RAPPORT_REPORTS_STATUS_UPDATES_INTERVAL", "1s");
        return options;
    }

    private Map<String, String> consoleEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RAPPORT_HTTP_PORT", Integer.toString(port));
        env.put("RAPPORT_CONTACTS_URL", platform.serviceUrl(RapportService.CONTACTS));
        env.put("RAPPORT_REFERRALS_URL", platform.serviceUrl(RapportService.REFERRALS));
        env.put("RAPPORT_OUTREACH_URL", platform.serviceUrl(RapportService.OUTREACH));
        env.put("RAPPORT_REPORTS_URL", platform.serviceUrl(RapportService.REPORTS));
        env.put("RAPPORT_OIDC_ISSUER", provider.issuerUrl());
        env.put("RAPPORT_OIDC_CLIENT_ID", IdentityProvider.CLIENT_ID);
        env.put("RAPPORT_OIDC_CLIENT_SECRET", IdentityProvider.CLIENT_SECRET);
        env.put("RAPPORT_CONSOLE_SESSION_SECRET", SESSION_SECRET);
        env.put("MICRONAUT_ENVIRONMENTS", "local");
        return env;
    }

    // ---------------------------------------------------------------- what tests use

    /** {@code http://127.0.0.1:<port>}: the only origin the browser talks to besides the provider's sign-in page. */
    public String consoleUrl() {
        if (console == null) {
            throw new IllegalStateException("The console did not start; see " + consoleLog(), consoleFailure);
        }
        return console.baseUrl();
    }

    /** {@code consoleUrl() + path}, e.g. {@code consoleUrl("/referrals")}. */
    public String consoleUrl(String path) {
        return consoleUrl() + path;
    }

    public boolean isConsoleRunning() {
        return console != null && console.isAlive();
    }

    /**
     * Signs {@code staff} in as a person does: opens the console (unless the page already shows
     * the provider's sign-in page), is sent to the provider, types username and claims, presses
     * "Sign-in", and waits until the browser is back on the console. Returns the page.
     */
    public Page signIn(Page page, StaffMember staff) {
        ProviderSignInPage signIn = new ProviderSignInPage(page);
        if (!page.url().startsWith(provider.baseUrl()) || !signIn.isShown()) {
            page.navigate(consoleUrl("/"));
            page.waitForURL(url -> url.startsWith(provider.baseUrl()));
        }
        signIn.signInAs(staff);
        awaitBackAtConsole(page);
        return page;
    }

    /** Waits until the browser has left the provider and the console's OIDC callback, and the page has loaded. */
    public void awaitBackAtConsole(Page page) {
        String console = consoleUrl();
        page.waitForURL(url -> url.startsWith(console) && !url.startsWith(console + "/oauth/"));
        page.waitForLoadState(LoadState.LOAD);
    }

    /**
     * The person's cookies as a {@code Cookie} header, for requests sent with {@code page.request()}
     * "as the browser would": Playwright's request context leaves out Secure cookies (the session)
     * on {@code http://127.0.0.1}, which Chromium itself sends there. Ask for cookies the same way:
     * {@code context.cookies()} without a URL, since {@code cookies(consoleUrl())} filters them out too.
     */
    public static String cookieHeader(BrowserContext context) {
        return context.cookies().stream()
                .filter(c -> "127.0.0.1".equals(c.domain))
                .map(c -> c.name + "=" + c.value)
                .collect(java.util.stream.Collectors.joining("; "));
    }

    public Path consoleLog() {
        return workDir.resolve("console.log");
    }

    public IdentityProvider provider() {
        return provider;
    }

    public MailServer mail() {
        return mail;
    }

    /** The running MariaDB, broker and services: ports, URLs, logs, HS256 tokens ({@link LocalPlatform#mintToken}). */
    public LocalPlatform platform() {
        return platform;
    }

    public synchronized ServiceApi api(RapportService service) {
        return apis.computeIfAbsent(service, s -> new ServiceApi(platform.serviceUrl(s)));
    }

    /** Test data of one clinic, set up over the services' APIs. */
    public ClinicData clinic(String clinicId) {
        return new ClinicData(this, clinicId);
    }

    /** A fresh browser profile at 1280×900; close it after the test ({@link ConsoleTestExtension} does). */
    public BrowserContext newBrowserContext() {
        return chromium.newContext();
    }

    /** A fresh browser profile the size of a phone (390×844, touch). */
    public BrowserContext newPhoneBrowserContext() {
        return chromium.newPhoneContext();
    }

    /** A fresh phone-sized profile with JavaScript off (a partner's office on a locked-down browser); close it after use. */
    public BrowserContext newPhoneBrowserContextWithoutJavaScript() {
        return chromium.newPhoneContextWithoutJavaScript();
    }

    /** How long each part took to start, and in total. */
    public Map<String, Duration> startTimes() {
        return Map.copyOf(startTimes);
    }

    public Path workDir() {
        return workDir;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Stops the browser, the console, the services, the broker, the database, then the mail server and the provider. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        // The browser and the console go first: nothing calls the services after that.
        reverse.sort((a, b) -> Integer.compare(stopOrder(a), stopOrder(b)));
        for (AutoCloseable c : reverse) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("[console-it] stopping " + c.getClass().getSimpleName() + ": " + e);
            }
        }
        System.out.println("[console-it] stack stopped in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
    }

    private static int stopOrder(AutoCloseable c) {
        if (c instanceof Chromium) {
            return 0;
        }
        if (c instanceof ConsoleProcess) {
            return 1;
        }
        if (c instanceof LocalPlatform) {
            return 2;
        }
        return 3;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        if (closed) {
            // A start that finishes while the JVM is already shutting down.
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort
            }
            throw new IllegalStateException("The console stack was closed while starting");
        }
        return resource;
    }

    private <T> Callable<T> timed(String what, Callable<T> step) {
        return () -> {
            long t = System.nanoTime();
            T result = step.call();
            startTimes.put(what, Duration.ofMillis((System.nanoTime() - t) / 1_000_000));
            return result;
        };
    }

    private static void join(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
