package vn.lgsp.hub.routes.flow;

import org.springframework.stereotype.Component;

/** {@code /api/v1/catalog}: what the caller may use. */
@Component
public class CatalogApiRoute extends HubRouteBuilder {

    private final CatalogApi api;

    public CatalogApiRoute(ProblemResponder problems, CatalogApi api) {
        super(problems);
        this.api = api;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:" + CatalogApi.PREFIX + "?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("catalog-api")
                .process(api::handle).id("list-catalog");
    }
}
