package vn.lgsp.hub.routes.flow;

import org.apache.camel.builder.RouteBuilder;

/**
 * Base of the hub's inbound flows: any exception raised by a step becomes a problem+json answer with a
 * REJECT audit record ({@link ProblemResponder}); nothing propagates to the HTTP layer.
 */
public abstract class HubRouteBuilder extends RouteBuilder {

    /** Options of every inbound platform-http endpoint. */
    protected static final String INBOUND_OPTIONS = "headerFilterStrategy=#hubHeaderFilterStrategy";

    private final ProblemResponder problems;

    protected HubRouteBuilder(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    public final void configure() {
        onException(Exception.class)
                .handled(true)
                .process(problems::answer);
        configureFlow();
    }

    /** Declares the flow's routes. */
    protected abstract void configureFlow();
}
