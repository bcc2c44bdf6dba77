package app.rapport.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright: one browser per test JVM, a fresh context (cookies,
 * storage, session) per test. Playwright downloads no browser here
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}, set by failsafe); it is pointed at
 * {@code /usr/bin/chromium}, which {@code .ci/run} installs when missing.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getProperty("rapport.chromium", "/usr/bin/chromium"));
    /** A laptop at the front desk. */
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 900;
    /** A phone in a clinician's hand (iPhone 12–15 CSS pixels). */
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Starts Playwright's driver. Call it before this JVM starts any other process: the driver's
     * node binary is written and then executed, and a process forked in between by another thread
     * inherits the open file and makes the exec fail with "Text file busy".
     */
    static Playwright startDriver() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("No Chromium at " + EXECUTABLE
                    + ": install it with apt-get install -y chromium (.ci/run does)");
        }
        return Playwright.create();
    }

    /** Launches headless Chromium through the driver (the driver, not this JVM, starts the browser process). */
    static Chromium launch(Playwright playwright) {
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new, empty browser profile at desktop size: nobody is signed in. */
    BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT)
                .setLocale("en-US")
                .setTimezoneId("America/Los_Angeles"));
    }

    /** A new, empty profile the size of a phone with JavaScript switched off, for pages that must work without it. */
    BrowserContext newPhoneContextWithoutJavaScript() {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(PHONE_WIDTH, PHONE_HEIGHT)
                .setJavaScriptEnabled(false)
                .setLocale("en-US")
                .setTimezoneId("America/Los_Angeles"));
    }

    /** A new, empty browser profile the size of a phone, with touch. */
    BrowserContext newPhoneContext() {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(PHONE_WIDTH, PHONE_HEIGHT)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true)
                .setLocale("en-US")
                .setTimezoneId("America/Los_Angeles"));
    }

    String version() {
        return browser.version();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
