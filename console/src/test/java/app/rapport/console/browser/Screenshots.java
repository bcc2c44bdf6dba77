package app.rapport.console.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Full-page screenshots under {@code console/target/screenshots/}, for people to look at, and the viewport sizes they are taken at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path directory() {
        return ConsoleStack.repoRoot().resolve("console/target/screenshots");
    }

    /** Resizes the page to a phone's 390×844 CSS pixels (for a phone's touch and pixel ratio too, use {@link ConsoleStack#newPhoneBrowserContext()}). */
    public static void usePhoneWidth(Page page) {
        page.setViewportSize(Chromium.PHONE_WIDTH, Chromium.PHONE_HEIGHT);
    }

    /** Back to the 1280×900 a test page starts with. */
    public static void useDesktopWidth(Page page) {
        page.setViewportSize(Chromium.DESKTOP_WIDTH, Chromium.DESKTOP_HEIGHT);
    }

    /**
     * The page is no wider than the screen it is shown on. Waits a moment first: after a resize
     * the layout and Chart.js's canvases settle asynchronously. A failure names what sticks out.
     */
    public static void assertFitsTheScreen(Page page, String what) {
        String fits = "() => document.documentElement.scrollWidth <= window.innerWidth";
        try {
            page.waitForFunction(fits, null, new Page.WaitForFunctionOptions().setTimeout(5_000));
        } catch (TimeoutError e) {
            // reported below, with the elements that stick out
        }
        Object wider = page.evaluate("() => [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        assertThat(page.evaluate(fits)).as("%s is no wider than the screen; wider: %s", what, wider).isEqualTo(true);
    }

    /**
     * Saves the whole page (not only the viewport) as {@code console/target/screenshots/<name>.png}.
     *
     * <p>A picture is for people to look at, never what a test asserts: on a loaded 2-core machine
     * headless Chromium now and then never delivers a full-page capture (Playwright waits out its
     * 30 s and fails the test, CI saw it once). So a capture gets a short timeout, then one
     * viewport-only try, and if that stalls too the test goes on without the picture and says so.
     */
    public static Path save(Page page, String name) {
        Path file = directory().resolve(name + ".png");
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(10_000));
            return file;
        } catch (TimeoutError fullPage) {
            try {
                page.screenshot(new Page.ScreenshotOptions().setPath(file).setTimeout(10_000));
                System.err.println("[console-it] " + name + ": full-page capture stalled, saved the viewport only");
                return file;
            } catch (TimeoutError viewport) {
                System.err.println("[console-it] " + name + ": no screenshot, Chromium did not deliver a capture: "
                        + viewport.getMessage().lines().findFirst().orElse(""));
                return null;
            }
        }
    }
}
