package vn.lgsp.hub.core.node;

import java.time.Instant;

/**
 * One row of the node registry ({@code hub_node}): which process holds a node id, and until when.
 *
 * @param node        the node id ({@code hub.node-id})
 * @param instance    random id of the process that holds it (new on every start)
 * @param host        host name of that process
 * @param pid         operating-system process id of that process
 * @param startedAt   when that process claimed the node id
 * @param heartbeatAt its latest heartbeat (database clock)
 * @param heartbeats  heartbeats since it claimed the id; a change proves the holder is alive
 * @param leaseUntil  when the id becomes free if no heartbeat comes (database clock)
 */
public record NodeInfo(String node, String instance, String host, long pid, Instant startedAt, Instant heartbeatAt,
                       long heartbeats, Instant leaseUntil) {

    /** Human-readable description of the holder, for error messages and logs. */
    public String describe() {
        return "instance " + instance + " on host " + host + " (pid " + pid + "), started " + startedAt
                + ", last heartbeat " + heartbeatAt + ", lease until " + leaseUntil;
    }
}
