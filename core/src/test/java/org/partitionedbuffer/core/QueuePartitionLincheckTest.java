package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.LinCheckerKt;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/*
 * The lock-free claim/seal protocol of a queue partition (QueuePartition over ItemChunks), checked for
 * linearizability with Lincheck, on the real classes: producers append without a lock (read the storage, read its
 * tail, give up when it is sealed and the partition closed or else read the storage again, make room, claim by CAS,
 * store); block appends and drains hold the lock; a drain publishes fresh storage, then seals the old one, and the
 * delivery reads what was claimed in it outside the lock; close sets the flag and seals. Its results are checked against a plain list (Model): an append adds an item unless the partition is
 * closed, a block append adds its items together in the given order, a drain returns every item in order and empties
 * the list, size is the list's size. The first storage starts with 14 items, so that the first few appends cross the
 * 16-slot boundary and race to link the next chunk (hasRoomFor's CASes on next and last).
 *
 * What it proves, for the small scenarios generated (model checking: 2 threads of 3 operations, 1 before and 2 after;
 * stress: 3 threads of 2): every item acknowledged by a producer is drained exactly once, in an order consistent with
 * when it was claimed; no claim lands in a storage after its seal (a lost item) and none is refused unless the
 * partition is closed; a drain never reads a slot its producer has not stored yet (it waits); block appends stay
 * contiguous and in their given order; size agrees. The model-checking mode explores interleavings switching threads
 * at the shared reads and writes (the VarHandle CASes and the slot stores included) under sequential consistency; the
 * stress mode runs the same kind of scenarios on real threads.
 *
 * What it does not prove: anything beyond those bounds (it is a bounded, randomized search, not a proof for all
 * executions); weak-memory effects (the model checker assumes sequential consistency, so whether release/acquire on
 * the slots is enough is argued in ItemChunks, not tested here; the stress mode only sees this machine's orderings);
 * the capacity gate (the partition is unbounded here, so COUNTED and the reservations in QueuePartition.append are not
 * exercised); chunk links past the first boundary or two.
 *
 * It can fail: making ItemChunks.seal a plain write instead of a CAS, or letting claim compare only the claim count
 * (ignoring the flags the caller saw), makes the model checker report an invalid execution every time (an append
 * acknowledged while a drain sealed, whose item no drain returns), in a few seconds; the stress mode finds the
 * same, less surely (its window is a few instructions wide).
 */
@Param(name = "item", gen = IntGen.class, conf = "1:9")
public class QueuePartitionLincheckTest {

    /** Items in the first storage before any operation: two claims short of the first chunk boundary. */
    private static final int PREFILLED = 14;

    /** The real partition, unbounded (the capacity gate stays out of play), driven as its buffer drives it. */
    private final QueuePartition partition = new QueuePartition(0, false, new CapacityGate(System::nanoTime));

    public QueuePartitionLincheckTest() {
        for (int i = 0; i < PREFILLED; i++) {
            partition.append(100 + i, 0);
        }
    }

    /** A single push: lock-free. */
    @Operation
    public boolean append(@Param(name = "item") int item) {
        return partition.append(item, 0) == Placement.PLACED;
    }

    /**
     * A batch push's block of three (item, item + 10, item + 20, given through a reversed order array), under the
     * partition's lock after the open check, as {@link QueueBatchPush} makes it.
     */
    @Operation
    public boolean appendBlock(@Param(name = "item") int item) {
        Object[] items = {-1, item + 20, item + 10, item};
        synchronized (partition) {
            if (partition.closedLocked()) {
                return false;
            }
            partition.appendAllLocked(items, new int[] {0, 3, 2, 1}, 1, 3);
            return true;
        }
    }

    /** A swap, then the delivery's read of the drained storage outside the lock. */
    @Operation
    public List<Object> drain() {
        Drain drained = partition.swapOut();
        return drained == null ? List.of() : new ArrayList<>(drained.items(0, drained.size()));
    }

    @Operation
    public void close() {
        partition.close();
    }

    @Operation
    public int size() {
        return partition.size();
    }

    /** The sequential specification: a list. */
    public static final class Model {
        private final List<Object> items = new ArrayList<>();
        private boolean closed;

        public Model() {
            for (int i = 0; i < PREFILLED; i++) {
                items.add(100 + i);
            }
        }

        public boolean append(int item) {
            if (closed) {
                return false;
            }
            items.add(item);
            return true;
        }

        public boolean appendBlock(int item) {
            if (closed) {
                return false;
            }
            items.addAll(List.of(item, item + 10, item + 20));
            return true;
        }

        public List<Object> drain() {
            List<Object> drained = new ArrayList<>(items);
            items.clear();
            return drained;
        }

        public void close() {
            closed = true;
        }

        public int size() {
            return items.size();
        }
    }

    /** A deeper search on demand: {@code -DqueuePartition.lincheck.iterations=100 -DqueuePartition.lincheck.invocations=5000}. */
    private static int setting(String name, int otherwise) {
        return Integer.getInteger("queuePartition.lincheck." + name, otherwise);
    }

    /**
     * Every interleaving point explored, two threads: the model checker hands the processor from thread to thread by
     * spinning, so more threads than cores (two here, shared with the rest of the build) make it crawl.
     */
    @Test
    void modelChecking() {
        LinCheckerKt.check(new ModelCheckingOptions()
                .sequentialSpecification(Model.class)
                .threads(setting("threads", 2)).actorsPerThread(setting("actors", 3))
                .actorsBefore(setting("before", 1)).actorsAfter(setting("after", 2))
                .iterations(setting("iterations", 10)).invocationsPerIteration(setting("invocations", 300)),
                QueuePartitionLincheckTest.class);
    }

    /** Real threads, three of them: two producers and a drainer can race at once. */
    @Test
    void stress() {
        LinCheckerKt.check(new StressOptions()
                .sequentialSpecification(Model.class)
                .threads(setting("threads", 3)).actorsPerThread(setting("actors", 2))
                .actorsBefore(setting("before", 1)).actorsAfter(setting("after", 2))
                .iterations(setting("iterations", 10)).invocationsPerIteration(setting("invocations", 5_000)),
                QueuePartitionLincheckTest.class);
    }
}
