package vn.lgsp.hub.routes.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder of logback-spring.xml. By default the masked text pattern (the masking is in the
 * pattern); when {@code logging.structured.format.console} is set ({@code ecs}, {@code logstash} or
 * {@code gelf}) one JSON object per line from Spring Boot's structured logging, with the same masking
 * applied to the whole line: runs of 9 to 12 digits (CMND/CCCD numbers) keep their first 4 and last 2
 * digits, and values after secret, password, token, api-key or Authorization become {@code ****}. MDC
 * entries ({@code exchangeId}, {@code requestId}) are JSON members in every structured format.
 */
public class HubConsoleEncoder extends EncoderBase<ILoggingEvent> {

    static final Pattern SUBJECT_ID = Pattern.compile("(?<![0-9])([0-9]{4})[0-9]{3,6}([0-9]{2})(?![0-9])");
    static final Pattern SECRET = Pattern.compile(
            "(?i)(secret|password|passwd|token|api[-_]?key|authorization)( *[=:] *\"?)((bearer|basic) +)?[^\\s&\",;\\\\]+");

    private String format = "";
    private String pattern;
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;
    private boolean structured;

    /** The structured format ({@code ecs}, {@code logstash}, {@code gelf}); empty for the text pattern. */
    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim();
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        structured = !format.isEmpty();
        if (structured) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setContext(getContext());
            json.setFormat(format);
            json.setCharset(charset);
            json.start();
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(charset);
            text.start();
            delegate = text;
        }
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = delegate.encode(event);
        if (!structured) {
            return line;
        }
        return mask(new String(line, charset)).getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    /** Masks subject ids and secrets in a line. */
    static String mask(String line) {
        String ids = SUBJECT_ID.matcher(line).replaceAll("$1******$2");
        return SECRET.matcher(ids).replaceAll("$1$2$3****");
    }
}
