package vn.lgsp.hub.core.node;

/** Thrown at startup when another live process holds this node id in the node registry. */
public final class NodeIdInUseException extends RuntimeException {

    private final transient NodeInfo holder;

    public NodeIdInUseException(String message, NodeInfo holder) {
        super(message);
        this.holder = holder;
    }

    /** The live holder of the node id. */
    public NodeInfo holder() {
        return holder;
    }
}
