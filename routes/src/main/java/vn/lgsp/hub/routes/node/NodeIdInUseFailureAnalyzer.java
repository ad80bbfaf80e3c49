package vn.lgsp.hub.routes.node;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import vn.lgsp.hub.core.node.NodeIdInUseException;

/** Turns a node id held by another live process into a short startup failure report instead of a stack trace. */
public class NodeIdInUseFailureAnalyzer extends AbstractFailureAnalyzer<NodeIdInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NodeIdInUseException cause) {
        return new FailureAnalysis(cause.getMessage(), "Give this node its own hub.node-id (environment variable "
                + "HUB_NODE_ID), or stop the other process first.", cause);
    }
}
