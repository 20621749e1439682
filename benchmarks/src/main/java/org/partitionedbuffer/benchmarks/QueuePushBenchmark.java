package org.partitionedbuffer.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Queue inserts, in items per second: one item per call and lists of 100, from 1 and 2 producer threads, into the
 * engine and into the two baselines, every partition draining every 10 ms into a counting listener. The secondary
 * result {@code delivered} is what the drains handed over per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class QueuePushBenchmark {

    static final int MESSAGES = 1 << 16;
    static final int LIST_SIZE = 100;

    @Param({"engine", "jctools", "lockedList"})
    public String contestant;

    @Param({"2", "8"})
    public int partitions;

    private Message[] messages;
    private List<List<Object>> lists;
    private QueueContestant queue;

    @Setup(Level.Trial)
    public void create(DeliveredCount delivered) {
        messages = Message.create(MESSAGES);
        lists = new ArrayList<>();
        for (int from = 0; from < MESSAGES; from += LIST_SIZE) {
            List<Object> list = new ArrayList<>(LIST_SIZE);
            for (int i = from; i < from + LIST_SIZE; i++) {
                list.add(messages[i & (MESSAGES - 1)]);
            }
            lists.add(list);
        }
        queue = QueueContestant.create(contestant, partitions, delivered);
        // A full collection compacts the messages in allocation order, the same way in every fork. Without it the
        // young collections scattered them differently per fork, and the routing's read of each message's hash
        // missed the cache more or less: the same code measured 15 M/s in one fork and 60 M/s in the next.
        System.gc();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        queue.close();
    }

    /** Each producer walks the pre-created messages from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            next = thread.getThreadIndex() * (MESSAGES / thread.getThreadCount());
        }
    }

    private Object nextMessage(Cursor cursor) {
        return messages[cursor.next++ & (MESSAGES - 1)];
    }

    private List<Object> nextList(Cursor cursor) {
        int index = cursor.next++ % lists.size();
        return lists.get(index);
    }

    @Benchmark
    @Threads(1)
    public void push_1producer(Cursor cursor, DrainRate drained) {
        queue.push(nextMessage(cursor));
    }

    @Benchmark
    @Threads(2)
    public void push_2producers(Cursor cursor, DrainRate drained) {
        queue.push(nextMessage(cursor));
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(LIST_SIZE)
    public void pushAll100_1producer(Cursor cursor, DrainRate drained) {
        queue.pushAll(nextList(cursor));
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(LIST_SIZE)
    public void pushAll100_2producers(Cursor cursor, DrainRate drained) {
        queue.pushAll(nextList(cursor));
    }
}
