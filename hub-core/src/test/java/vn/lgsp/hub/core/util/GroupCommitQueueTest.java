package vn.lgsp.hub.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Grouping, results per caller, failures, retry one by one, and shutdown of {@link GroupCommitQueue}. */
class GroupCommitQueueTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A writer that records each group and answers each command with its square; blocks while {@code gate} is closed. */
    private GroupCommitQueue.GroupWriter<Integer, Integer> squares(CountDownLatch gate) {
        return group -> {
            awaitGate(gate);
            groups.add(List.copyOf(group));
            return group.stream().map(n -> n * n).toList();
        };
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentCallersShareGroupsAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("squares", squares(gate))
                .maxWeight(10, n -> 1).start()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(callers.submit(() -> queue.submit(n)));
            }
            // the first group is held until many commands wait behind it
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 40);
            gate.countDown();
            for (int i = 0; i < 40; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(40);
        assertThat(groups).allSatisfy(g -> assertThat(g.size()).isBetween(1, 10));
        assertThat(groups).anySatisfy(g -> assertThat(g).hasSize(10));
    }

    @Test
    void aCommandHeavierThanTheLimitGoesAloneAndGroupsStayUnderIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("weights", squares(gate))
                .maxWeight(10, n -> n).start()) {
            Future<Integer> first = callers.submit(() -> queue.submit(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> writerBusy("weights"));
            List<Future<Integer>> rest = new ArrayList<>();
            for (int n : new int[] {4, 4, 25, 3, 6}) {
                rest.add(callers.submit(() -> queue.submit(n)));
                await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= rest.size() + 1);
            }
            gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            for (Future<Integer> f : rest) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(groups).containsExactly(List.of(1), List.of(4, 4), List.of(25), List.of(3, 6));
    }

    @Test
    void aLoneCallerIsNotHeldByTheLinger() throws Exception {
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("lone", squares(new CountDownLatch(0)))
                .linger(Duration.ofMinutes(5)).start()) {
            // with the linger applied to a lone command, these would wait five minutes each
            assertThat(callers.submit(() -> queue.submit(3)).get(30, TimeUnit.SECONDS)).isEqualTo(9);
            assertThat(callers.submit(() -> queue.submit(4)).get(30, TimeUnit.SECONDS)).isEqualTo(16);
        }
        assertThat(groups).containsExactly(List.of(3), List.of(4));
    }

    @Test
    void afterAGroupOfSeveralTheWriterLingersForLaterCommandsUpToTheLimit() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("linger", squares(gate))
                .maxWeight(4, n -> 1).linger(Duration.ofMinutes(5)).start()) {
            Future<Integer> first = callers.submit(() -> queue.submit(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> writerBusy("linger"));
            List<Future<Integer>> later = new ArrayList<>();
            for (int n : new int[] {2, 3}) { // queued together behind the held group: a group of several
                later.add(callers.submit(() -> queue.submit(n)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 3);
            gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            for (Future<Integer> f : later) {
                f.get(30, TimeUnit.SECONDS);
            }
            // the writer now lingers: commands arriving one after another join one group until it is full
            for (int n = 4; n <= 6; n++) {
                int command = n;
                later.add(callers.submit(() -> queue.submit(command)));
                await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= command - 3);
            }
            later.add(callers.submit(() -> queue.submit(7)));
            await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 3);
            Future<Integer> last = callers.submit(() -> queue.submit(8));
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 1); // 8 waits for company
            queue.close(); // stops the linger: 8 is written at once, not after five minutes
            assertThat(last.get(30, TimeUnit.SECONDS)).isEqualTo(64);
        }
        assertThat(groups).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5, 6, 7), List.of(8));
    }

    @Test
    void aNegativeLingerIsRefused() {
        assertThatThrownBy(() -> GroupCommitQueue.builder("neg", squares(new CountDownLatch(0)))
                .linger(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Whether the writer thread {@code name} is held at the gate. */
    private static boolean writerBusy(String name) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(name))
                .anyMatch(e -> List.of(e.getValue()).stream().anyMatch(s -> s.getMethodName().equals("awaitGate")));
    }

    /** How many caller threads are parked waiting for their command's group. */
    private static long waiting() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("pool-"))
                .filter(e -> List.of(e.getValue()).stream().anyMatch(s -> s.getMethodName().equals("await")
                        && s.getClassName().endsWith("GroupCommitQueue$Ticket")))
                .count();
    }

    @Test
    void aFailedGroupFailsItsCallersAndTheNextGroupIsWritten() {
        AtomicInteger calls = new AtomicInteger();
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.<Integer, Integer>builder("failing", group -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("disk full");
            }
            return group;
        }).start()) {
            assertThatThrownBy(() -> queue.submit(7)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("disk full");
            assertThat(queue.submit(8)).isEqualTo(8);
        }
    }

    @Test
    void aConflictRetriesTheGroupOneByOneSoOnlyTheLoserFails() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.<Integer, Integer>builder("conflicts", group -> {
            awaitGate(gate);
            groups.add(List.copyOf(group));
            if (group.contains(13)) {
                throw new IllegalStateException("key taken");
            }
            return group;
        }).retrySinglyOn(IllegalStateException.class::isInstance).start()) {
            Future<Integer> first = callers.submit(() -> queue.submit(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> writerBusy("conflicts"));
            List<Future<Integer>> rest = new ArrayList<>();
            for (int n : new int[] {12, 13, 14}) {
                rest.add(callers.submit(() -> queue.submit(n)));
                await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= rest.size() + 1);
            }
            gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(rest.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(12);
            assertThatThrownBy(() -> rest.get(1).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(rest.get(2).get(30, TimeUnit.SECONDS)).isEqualTo(14);
        }
        assertThat(groups).containsExactly(List.of(1), List.of(12, 13, 14), List.of(12), List.of(13), List.of(14));
    }

    @Test
    void anErrorAndAWrongResultCountReachTheCallerAsTheQueuesFailure() {
        AtomicInteger calls = new AtomicInteger();
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.<Integer, Integer>builder("broken", group -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return List.of();
        }).failure(UnsupportedOperationException::new).start()) {
            assertThatThrownBy(() -> queue.submit(1)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("simulated").hasCauseInstanceOf(OutOfMemoryError.class);
            assertThatThrownBy(() -> queue.submit(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("0 results for 1 commands");
            assertThat(calls).hasValue(2); // the writer thread survived the Error
        }
    }

    @Test
    void aCallerGivesUpAfterTheTimeout() {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("slow", squares(gate))
                .timeout(Duration.ofMillis(300)).failure(UnsupportedOperationException::new).start()) {
            assertThatThrownBy(() -> queue.submit(3)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("not written within");
            gate.countDown();
        }
    }

    @Test
    void committedRunsAfterTheCallersAreReleasedAndItsFailureIsOnlyLogged() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        GroupCommitQueue.GroupWriter<Integer, Integer> writer = new GroupCommitQueue.GroupWriter<>() {
            @Override
            public List<Integer> write(List<Integer> group) {
                return group;
            }

            @Override
            public void committed(List<Integer> group, List<Integer> results) {
                awaitGate(released);
                seen.addAll(results);
                throw new IllegalStateException("checkpoint failed");
            }
        };
        try (GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("hooked", writer).start()) {
            assertThat(queue.submit(5)).isEqualTo(5); // returns while committed() still waits
            released.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(5));
            assertThat(queue.submit(6)).isEqualTo(6);
        }
        assertThat(seen).containsExactly(5, 6);
    }

    @Test
    void closeWritesWhatIsQueuedThenRefusesNewCommands() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("closing", squares(gate))
                .failure(UnsupportedOperationException::new).start();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            results.add(callers.submit(() -> queue.submit(n)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 5);
        Future<?> closing = callers.submit(queue::close);
        gate.countDown();
        closing.get(30, TimeUnit.SECONDS);
        for (int i = 1; i <= 5; i++) {
            assertThat(results.get(i - 1).get(30, TimeUnit.SECONDS)).isEqualTo(i * i);
        }
        assertThatThrownBy(() -> queue.submit(9)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void anInterruptedWriterWritesWhatIsQueuedThenStops() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommitQueue<Integer, Integer> queue = GroupCommitQueue.builder("interrupted", squares(gate))
                .failure(UnsupportedOperationException::new).start();
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("interrupted")).findFirst().orElseThrow();
        Future<Integer> first = callers.submit(() -> queue.submit(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(writer.getStackTrace()).stream()
                .anyMatch(frame -> frame.getMethodName().equals("awaitGate"))); // writing the group [1]
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            int n = i;
            queued.add(callers.submit(() -> queue.submit(n)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 5);
        writer.interrupt(); // while it writes the first group (the writer keeps the flag, as a JDBC write would)
        gate.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        for (int i = 2; i <= 5; i++) {
            assertThat(queued.get(i - 2).get(30, TimeUnit.SECONDS)).as("command %d, queued before the interrupt", i)
                    .isEqualTo(i * i);
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).as("the writer stopped").isFalse();
        assertThatThrownBy(() -> queue.submit(9)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("stopped");
    }
}
