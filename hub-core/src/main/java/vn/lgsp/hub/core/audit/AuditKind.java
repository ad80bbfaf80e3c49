package vn.lgsp.hub.core.audit;

/** What step of an exchange an audit record traces. */
public enum AuditKind {
    /** A synchronous service call that reached the provider (whatever the provider answered). */
    CALL,
    /** A record accepted for publication. */
    PUBLISH,
    /** One delivery of a published record to one subscriber. */
    DELIVERY,
    /** A request the hub refused (authentication, access, validation, limits, provider failures). */
    REJECT,
    /** An operator action. */
    OPS
}
