package app.rapport.console.browser;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

/** Full-page screenshots under {@code console/target/screenshots/}, for people to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path directory() {
        return ConsoleStack.repoRoot().resolve("console/target/screenshots");
    }

    /** Saves the whole page (not only the viewport) as {@code console/target/screenshots/<name>.png}. */
    public static Path save(Page page, String name) {
        Path file = directory().resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
