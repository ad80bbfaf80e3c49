package vn.lgsp.hub.core.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: commands submitted by concurrent threads are queued, and one writer thread hands what is
 * queued to a {@link GroupWriter} as one group (one transaction), up to a total weight per group. A caller
 * of {@link #submit} waits until the group holding its command is written and gets its own result, or the
 * group's failure. So each caller still waits for its own work to be durable, but concurrent callers share
 * one commit.
 *
 * @param <C> a command (what one caller submits)
 * @param <R> its result
 */
public final class GroupCommitQueue<C, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitQueue.class);

    private final String name;
    private final GroupWriter<C, R> groupWriter;
    private final ToIntFunction<? super C> weigher;
    private final int maxWeight;
    private final long lingerNanos;
    /** The longest single wait of a linger, so that {@link #close} ends it promptly. */
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final long timeoutNanos;
    private final Predicate<? super RuntimeException> retrySingly;
    private final BiFunction<String, Throwable, ? extends RuntimeException> failure;
    private final BlockingQueue<Ticket> queue;
    private final Thread writer;
    /** The writer thread was interrupted: it stops after writing what is queued (writer thread only). */
    private boolean interrupted;
    /** A ticket taken while lingering that did not fit its group (writer thread only). */
    private Ticket carried;
    private volatile boolean running = true;

    /**
     * Writes one group; runs on the queue's writer thread only.
     *
     * @param <C> command
     * @param <R> result
     */
    public interface GroupWriter<C, R> {

        /**
         * Makes the group durable (one transaction) and returns one result per command, in command order.
         * Throwing fails every command of the group.
         */
        List<R> write(List<C> group);

        /** Called after the group's callers were released (e.g. to sign a checkpoint); failures are logged. */
        default void committed(List<C> group, List<R> results) {
        }
    }

    private GroupCommitQueue(Builder<C, R> b) {
        this.name = b.name;
        this.groupWriter = b.groupWriter;
        this.weigher = b.weigher;
        this.maxWeight = b.maxWeight;
        this.lingerNanos = b.linger.toNanos();
        this.timeoutNanos = b.timeout.toNanos();
        this.retrySingly = b.retrySingly;
        this.failure = b.failure;
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.writer = new Thread(this::run, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * A queue whose writer thread is called {@code name} and writes groups with {@code groupWriter}; set the
     * other options on the builder, then {@link Builder#start()}.
     */
    public static <C, R> Builder<C, R> builder(String name, GroupWriter<C, R> groupWriter) {
        return new Builder<>(name, groupWriter);
    }

    /**
     * Queues the command and waits until its group is written; returns its result or throws the group's
     * failure (a {@link RuntimeException} of the writer as it is, anything else and the queue's own failures
     * — stopped, full, interrupted, timed out — through the builder's failure factory).
     */
    public R submit(C command) {
        Ticket ticket = new Ticket(Objects.requireNonNull(command), Thread.currentThread());
        if (!running) {
            throw failure.apply(name + " is stopped", null);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            if (!queue.offer(ticket, timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw failure.apply(name + ": the queue stayed full for " + seconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply(name + ": interrupted while queueing", e);
        }
        if (!running && !writer.isAlive() && queue.remove(ticket)) {
            throw failure.apply(name + " is stopped", null); // queued after the writer's last look
        }
        return ticket.await(deadline);
    }

    private void run() {
        List<Ticket> group = new ArrayList<>();
        boolean concurrent = false; // the last group held several commands: callers arrive together
        while (running || !queue.isEmpty() || carried != null) {
            try {
                // once stopped, the rest is taken without waiting (an interrupted writer would otherwise spin on
                // a poll that throws at once while commands are queued)
                Ticket first = carried != null ? carried
                        : running ? queue.poll(200, TimeUnit.MILLISECONDS) : queue.poll();
                carried = null;
                if (first == null) {
                    concurrent = false;
                    continue;
                }
                group.add(first);
                gather(group, weigher.applyAsInt(first.command), concurrent && lingerNanos > 0);
                concurrent = group.size() > 1;
                write(group);
            } catch (InterruptedException e) {
                interrupted = true; // stop: what is queued is still written, with the flag clear for the writes
                running = false;
            } finally {
                group.clear();
            }
        }
        Ticket left;
        while ((left = queue.poll()) != null) {
            left.fail(failure.apply(name + " stopped before writing this", null));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds what is queued to the group, up to the weight limit; with {@code linger}, keeps waiting for more
     * until the linger time is over (so a lone caller is never delayed: only after a group of several).
     */
    private void gather(List<Ticket> group, int weight, boolean linger) {
        long until = linger ? System.nanoTime() + lingerNanos : 0;
        while (true) {
            Ticket next;
            while ((next = queue.peek()) != null && weight + weigher.applyAsInt(next.command) <= maxWeight) {
                group.add(queue.poll());
                weight += weigher.applyAsInt(next.command);
            }
            long left = until - System.nanoTime();
            if (!linger || next != null || weight >= maxWeight || left <= 0 || !running) {
                return; // full, or no (more) waiting; a closing queue stops lingering
            }
            try {
                next = queue.poll(Math.min(left, LINGER_SLICE_NANOS), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // the group is written (flag clear), then the writer stops
                running = false;
                return;
            }
            if (next == null) {
                continue;
            }
            if (weight + weigher.applyAsInt(next.command) > maxWeight) {
                carried = next; // first of the next group
                return;
            }
            group.add(next);
            weight += weigher.applyAsInt(next.command);
        }
    }

    private void write(List<Ticket> group) {
        List<C> commands = new ArrayList<>(group.size());
        group.forEach(t -> commands.add(t.command));
        List<R> results;
        try {
            results = groupWriter.write(commands);
            if (results.size() != commands.size()) {
                throw new IllegalStateException(name + ": " + results.size() + " results for " + commands.size()
                        + " commands");
            }
        } catch (RuntimeException e) {
            if (group.size() > 1 && retrySingly.test(e)) {
                LOG.debug("{}: group of {} failed ({}); writing its commands one by one", name, group.size(), e.toString());
                for (Ticket ticket : group) {
                    write(List.of(ticket));
                }
                return;
            }
            LOG.error("{}: group of {} failed; its callers get the error", name, group.size(), e);
            group.forEach(t -> t.fail(e));
            return;
        } catch (Error e) {
            LOG.error("{}: group of {} failed", name, group.size(), e);
            RuntimeException wrapped = failure.apply(name + ": " + e, e);
            group.forEach(t -> t.fail(wrapped));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).complete(results.get(i));
        }
        try {
            groupWriter.committed(commands, results);
        } catch (RuntimeException e) {
            LOG.error("{}: after-commit step of a group of {} failed", name, group.size(), e);
        }
    }

    private long seconds() {
        return TimeUnit.NANOSECONDS.toSeconds(timeoutNanos);
    }

    /** Stops taking commands, writes those queued, then stops the writer thread (waits up to the timeout). */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One queued command and its caller, parked until the writer sets the outcome and unparks it. */
    private final class Ticket {
        private final C command;
        private final Thread caller;
        private volatile boolean done;
        private R result;
        private RuntimeException error;

        Ticket(C command, Thread caller) {
            this.command = command;
            this.caller = caller;
        }

        void complete(R value) {
            result = value;
            done = true; // volatile write publishes result
            LockSupport.unpark(caller);
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
            LockSupport.unpark(caller);
        }

        R await(long deadline) {
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure.apply(name + ": not written within " + seconds() + " s", null);
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw failure.apply(name + ": interrupted while waiting for the commit", null);
                }
                LockSupport.parkNanos(this, left);
            }
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    /** Options of a {@link GroupCommitQueue}. */
    public static final class Builder<C, R> {
        private final String name;
        private final GroupWriter<C, R> groupWriter;
        private ToIntFunction<? super C> weigher = c -> 1;
        private int maxWeight = 256;
        private int capacity = 4096;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration linger = Duration.ZERO;
        private Predicate<? super RuntimeException> retrySingly = e -> false;
        private BiFunction<String, Throwable, ? extends RuntimeException> failure = IllegalStateException::new;

        private Builder(String name, GroupWriter<C, R> groupWriter) {
            this.name = Objects.requireNonNull(name);
            this.groupWriter = Objects.requireNonNull(groupWriter);
        }

        /**
         * Weight of a command (default 1) and the most weight in one group (default 256); a command heavier
         * than that alone goes as a group of its own.
         */
        public Builder<C, R> maxWeight(int maxWeight, ToIntFunction<? super C> weigher) {
            this.maxWeight = Math.max(1, maxWeight);
            this.weigher = Objects.requireNonNull(weigher);
            return this;
        }

        /** Most commands waiting in the queue (default 4096); past that callers wait for space. */
        public Builder<C, R> capacity(int capacity) {
            this.capacity = Math.max(1, capacity);
            return this;
        }

        /** How long a caller waits for queue space, and again for its commit (default 30 s). */
        public Builder<C, R> timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * When a group of several commands fails with such an exception, its commands are written again one
         * by one (e.g. a unique key another node took meanwhile: only the loser should fail).
         */
        public Builder<C, R> retrySinglyOn(Predicate<? super RuntimeException> retrySingly) {
            this.retrySingly = Objects.requireNonNull(retrySingly);
            return this;
        }

        /**
         * How long the writer waits for more commands before writing a group (default 0: writes what is queued
         * at once). It waits only while the previous group held several commands, so a lone caller is never
         * delayed; under concurrency fewer, larger groups cost less per command (bench: docs/architecture.md
         * "Group linger").
         */
        public Builder<C, R> linger(Duration linger) {
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger must not be negative: " + linger);
            }
            this.linger = linger;
            return this;
        }

        /** Makes the exception thrown for the queue's own failures, from a message and an optional cause. */
        public Builder<C, R> failure(BiFunction<String, Throwable, ? extends RuntimeException> failure) {
            this.failure = Objects.requireNonNull(failure);
            return this;
        }

        /** Starts the writer thread. */
        public GroupCommitQueue<C, R> start() {
            return new GroupCommitQueue<>(this);
        }
    }
}
