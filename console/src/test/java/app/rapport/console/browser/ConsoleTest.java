package app.rapport.console.browser;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A browser test of the console against the real stack ({@link ConsoleStack}), started once per
 * test JVM. Test methods may take {@link ConsoleStack}, a {@link com.microsoft.playwright.Page}
 * (in a fresh browser profile, 1280×900) and its {@link com.microsoft.playwright.BrowserContext}
 * as parameters. A failed test leaves {@code console/target/screenshots/FAILED-<class>-<method>.png}.
 *
 * <pre>{@code
 * @ConsoleTest
 * class TodayIT {
 *     @Test
 *     void frontDeskSeesTodaysThankYous(ConsoleStack stack, Page page) {
 *         stack.signIn(page, StaffMember.of("frontdesk", "seattle-downtown", "staff"));
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConsoleTestExtension.class)
@Tag("browser")
public @interface ConsoleTest {
}
