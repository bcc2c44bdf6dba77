package app.rapport.console.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link ConsoleStack} once per test JVM and closes it when the whole run ends (the
 * root store closes after the last test class); gives each test a fresh browser profile and page.
 */
public final class ConsoleTestExtension implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ConsoleStack.get();
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StackAtEndOfRun.class, k -> new StackAtEndOfRun());
    }

    /** Closed by JUnit with the root store, when every test class has run. */
    private static final class StackAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            ConsoleStack.closeShared();
        }
    }

    /** One browser profile per test, closed (cookies and session gone) after it. */
    private static final class TestBrowser implements AutoCloseable {
        final BrowserContext context;
        final Page page;

        TestBrowser(BrowserContext context) {
            this.context = context;
            this.page = context.newPage();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == ConsoleStack.class || type == Page.class || type == BrowserContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ConsoleStack.class) {
            return ConsoleStack.get();
        }
        if (extension.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("A Page or BrowserContext is given to test methods only");
        }
        TestBrowser browser = browser(extension);
        return type == Page.class ? browser.page : browser.context;
    }

    private static TestBrowser browser(ExtensionContext extension) {
        return extension.getStore(NAMESPACE).getOrComputeIfAbsent(TestBrowser.class,
                k -> new TestBrowser(ConsoleStack.get().newBrowserContext()), TestBrowser.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext extension) {
        if (extension.getExecutionException().isEmpty()) {
            return;
        }
        TestBrowser browser = extension.getStore(NAMESPACE).get(TestBrowser.class, TestBrowser.class);
        if (browser == null) {
            return;
        }
        String name = "FAILED-" + extension.getRequiredTestClass().getSimpleName() + "-" + extension.getRequiredTestMethod().getName();
        for (Page page : browser.context.pages()) {
            try {
                System.err.println("[console-it] " + name + ": page was at " + page.url() + "; screenshot "
                        + Screenshots.save(page, browser.context.pages().size() == 1 ? name : name + "-" + browser.context.pages().indexOf(page)));
            } catch (RuntimeException e) {
                System.err.println("[console-it] no screenshot of the failed test: " + e.getMessage());
            }
        }
    }
}
