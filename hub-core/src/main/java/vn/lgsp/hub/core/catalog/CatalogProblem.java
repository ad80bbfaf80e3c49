package vn.lgsp.hub.core.catalog;

/**
 * One thing wrong in the configuration: the file, the field (a path such as {@code services[0].connector.url})
 * and the reason.
 */
public record CatalogProblem(String file, String field, String reason) {
    @Override
    public String toString() {
        return file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + reason;
    }
}
