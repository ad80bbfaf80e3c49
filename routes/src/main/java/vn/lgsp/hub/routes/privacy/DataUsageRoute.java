package vn.lgsp.hub.routes.privacy;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.flow.HubRouteBuilder;
import vn.lgsp.hub.routes.flow.ProblemResponder;

/** {@code GET /api/v1/data-usage/{subjectId}}: who used a person's data (role {@code data-tracker} only). */
@Component
public class DataUsageRoute extends HubRouteBuilder {

    private final DataUsageApi api;

    public DataUsageRoute(ProblemResponder problems, DataUsageApi api) {
        super(problems);
        this.api = api;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:" + DataUsageApi.PREFIX + "?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("data-usage")
                .process(api::handle).id("data-usage-report");
    }
}
