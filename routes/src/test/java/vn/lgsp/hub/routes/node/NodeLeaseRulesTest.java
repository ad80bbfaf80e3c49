package vn.lgsp.hub.routes.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import vn.lgsp.hub.core.node.NodeIdInUseException;
import vn.lgsp.hub.core.node.NodeInfo;
import vn.lgsp.hub.core.node.NodeRegistry;

/** Which holders of a node id count as a previous run of this node, and the startup report of a taken id. */
class NodeLeaseRulesTest {

    private static final NodeRegistry.Identity SELF = new NodeRegistry.Identity("me", "hub-a", 1);

    private static NodeInfo heldBy(String host, long pid) {
        Instant now = Instant.now();
        return new NodeInfo("node-1", "other", host, pid, now, now, 3, now.plusSeconds(15));
    }

    @Test
    void aHolderOnAnotherHostIsNeverAssumedGone() {
        assertThat(NodeLease.previousRunOfThisHost(SELF).test(heldBy("hub-b", 1))).isFalse();
    }

    @Test
    void aHolderOnThisHostIsGoneWhenItsProcessNoLongerRunsOrHadThisPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Predicate<NodeInfo> gone = NodeLease.previousRunOfThisHost(SELF);
        assertThat(gone.test(heldBy("hub-a", finished.pid()))).as("exited process").isTrue();
        assertThat(gone.test(heldBy("hub-a", 1))).as("same pid: a restarted container").isTrue();
        assertThat(gone.test(heldBy("hub-a", ProcessHandle.current().pid()))).as("a live process").isFalse();
    }

    @Test
    void aTakenNodeIdFailsStartupWithTheHolderAndWhatToDo() {
        NodeIdInUseException taken = new NodeIdInUseException("hub.node-id 'node-1' is already used by a live hub "
                + "process: instance other on host hub-b (pid 1)", heldBy("hub-b", 1));
        FailureAnalysis analysis = new NodeIdInUseFailureAnalyzer()
                .analyze(new IllegalStateException("Error creating bean 'nodeLease'", taken));
        assertThat(analysis.getDescription()).contains("hub.node-id 'node-1'").contains("host hub-b");
        assertThat(analysis.getAction()).contains("HUB_NODE_ID");
    }
}
