package app.rapport.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder of logback.xml and logback-json.xml and masks intake tokens in what it
 * writes, whoever logged the line: Micronaut's own request and HTTP-client lines at DEBUG, an
 * exception's message, an access log an operator switches on. Code masks at the source too
 * ({@link IntakeTokens}); this is the net under every library.
 */
public class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("MaskingEncoder needs a nested <encoder>");
            return;
        }
        encoder.start();
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] bytes = encoder.encode(event);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String masked = IntakeTokens.masked(text);
        return masked == text ? bytes : masked.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}
