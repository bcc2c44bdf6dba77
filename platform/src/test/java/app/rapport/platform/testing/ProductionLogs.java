package app.rapport.platform.testing;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every log line the service writes while open, as production would print it: each event goes
 * through the encoders of the platform's logback.xml (text) and logback-json.xml (Kubernetes), not
 * through the tests' own logback-test.xml. Opens at DEBUG, so libraries' request lines count too.
 */
public final class ProductionLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<Encoder<ILoggingEvent>> encoders = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();

    private ProductionLogs() {
        encoders.add(encoderOf("/logback.xml", "STDOUT"));
        encoders.add(encoderOf("/logback-json.xml", "JSON"));
    }

    public static ProductionLogs open() {
        ProductionLogs logs = new ProductionLogs();
        logs.setContext(logs.root.getLoggerContext());
        logs.start();
        logs.root.addAppender(logs);
        logs.root.setLevel(Level.DEBUG);
        return logs;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        for (Encoder<ILoggingEvent> encoder : encoders) {
            text.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
    }

    /** What the two production encoders printed so far. */
    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        root.detachAppender(this);
        stop();
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> encoderOf(String config, String appender) {
        URL url = ProductionLogs.class.getResource(config);
        if (url == null) {
            throw new IllegalStateException(config + " is not on the class path");
        }
        LoggerContext production = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        try {
            configurator.doConfigure(url);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + config, e);
        }
        // Production writes through an asynchronous appender (issue 14); the encoder sits on the one it feeds.
        var async = production.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        if (!(async instanceof AsyncAppender queue)) {
            throw new IllegalStateException(config + " does not log through an AsyncAppender named ASYNC");
        }
        var found = queue.getAppender(appender);
        if (!(found instanceof OutputStreamAppender<ILoggingEvent> stream)) {
            throw new IllegalStateException(config + " has no appender " + appender);
        }
        return stream.getEncoder();
    }
}
