package app.rapport.console.security;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own log format (src/main/resources/logback.xml, not the tests' one) never prints
 * an intake link's token: not in a request line such as Micronaut writes at DEBUG, nor in a stack
 * trace whose message quotes the URL.
 */
class IntakeTokensInLogsTest {

    private static final String TOKEN = "JOFarnWIeSTEvumts7Xpx_6_eXsFdaWnwhtPshtWYEs";

    @Test
    void aRequestLineAndAStackTraceKeepThePathButNotTheToken() throws Exception {
        LoggerContext production = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(IntakeTokensInLogsTest.class.getResource("/logback.xml"));
        @SuppressWarnings("unchecked")
        // Lines reach stdout through the asynchronous appender; its STDOUT appender is the one that encodes.
        OutputStreamAppender<ILoggingEvent> stdout = (OutputStreamAppender<ILoggingEvent>) ((AsyncAppender)
                production.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC")).getAppender("STDOUT");
        Logger logger = production.getLogger("io.micronaut.http.server.netty.NettyRequestLifecycle");

        LoggingEvent request = new LoggingEvent(Logger.class.getName(), logger, Level.DEBUG,
                "Request POST /intake/" + TOKEN + "/received", null, null);
        LoggingEvent failure = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "Intake form failed",
                new IllegalStateException("GET http://referrals:8082/api/v1/intake/" + TOKEN + " timed out"), null);
        String text = new String(stdout.getEncoder().encode(request), StandardCharsets.UTF_8)
                + new String(stdout.getEncoder().encode(failure), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain(TOKEN)
                .contains("Request POST /intake/***/received", "/api/v1/intake/*** timed out", "IllegalStateException");
    }
}
