package vn.lgsp.hub.core.catalog;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;

/**
 * Keeps JSON Schema loading local: the standard meta-schemas come from the validator's own jar (the
 * library maps their URLs to its classpath), and any other reference ({@code $ref} or {@code $schema} to
 * http, https, file, ...) fails the schema instead of being fetched, so a catalog file cannot make the hub
 * reach out to the network or read arbitrary files.
 */
final class LocalSchemaLoader implements SchemaLoader {

    private static final LocalSchemaLoader INSTANCE = new LocalSchemaLoader();

    private LocalSchemaLoader() {
    }

    /** Applies the restriction to a factory builder. */
    static void restrict(JsonSchemaFactory.Builder builder) {
        builder.schemaLoaders(loaders -> loaders.add(INSTANCE));
    }

    @Override
    public InputStreamSource getSchema(AbsoluteIri iri) {
        String text = iri.toString();
        if (text.startsWith("classpath:") || text.startsWith("resource:")) {
            return null; // the bundled meta-schemas: left to the library's classpath loader
        }
        throw new IllegalArgumentException("schema reference " + text + " is not loaded: the hub reads schemas "
                + "from its configuration folder only (inline the referenced definitions under $defs)");
    }
}
