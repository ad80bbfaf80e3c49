package vn.lgsp.hub.routes.async;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.flow.HubRouteBuilder;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.limits.ClientLimits;

/**
 * Publish flow: receive -> authenticate -> authorize topic -> purpose check (personal data) -> validate ->
 * idempotency -> durable on the broker (one message per subscription) + audit -> 202. At
 * {@code POST /api/v1/topics/{publisher}/{topic}/records} and {@code .../records:batch}.
 */
@Component
public class PublishRoute extends HubRouteBuilder {

    private final PublishSteps steps;
    private final ClientLimits limits;

    public PublishRoute(ProblemResponder problems, PublishSteps steps, ClientLimits limits) {
        super(problems);
        this.limits = limits;
        this.steps = steps;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:/api/v1/topics?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("publish")
                .process(steps::authenticate).id("publish-authenticate")
                .process(limits::check).id("publish-client-quota")
                .process(steps::resolveTopic).id("publish-resolve-topic")
                .process(steps::authorize).id("publish-authorize")
                .process(steps::checkPurpose).id("publish-check-purpose")
                .process(steps::readRecords).id("publish-validate")
                .process(steps::publish).id("publish-durably");
    }
}
