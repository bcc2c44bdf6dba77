package app.rapport.console.browser;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

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

    /** Saves the whole page (not only the viewport) as {@code console/target/screenshots/<name>.png}. */
    public static Path save(Page page, String name) {
        Path file = directory().resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
