package vn.lgsp.hub.core.catalog;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.util.List;

/**
 * A subscription filter: a JSONPath expression (Jayway JsonPath) that selects the record when it yields
 * at least one match, e.g. {@code $[?(@.diaChiTruSo.maHuyen == '990')]} for a district that only receives
 * its own records.
 */
public final class RecordFilter {

    private static final Configuration CONFIG = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST);

    private final String expression;
    private final JsonPath path;

    private RecordFilter(String expression, JsonPath path) {
        this.expression = expression;
        this.path = path;
    }

    /** Compiles the expression; throws {@link IllegalArgumentException} with a config-ready reason. */
    public static RecordFilter compile(String expression) {
        try {
            return new RecordFilter(expression, JsonPath.compile(expression));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid JSONPath expression: " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** True when the expression selects something in the record. */
    public boolean matches(String json) {
        Object result = JsonPath.using(CONFIG).parse(json).read(path);
        return result instanceof List<?> list ? !list.isEmpty() : result != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordFilter f && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
