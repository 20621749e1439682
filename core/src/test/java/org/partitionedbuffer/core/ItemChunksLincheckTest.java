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
 * The lock-free claim/seal protocol of ItemChunks, checked for linearizability with Lincheck.
 *
 * A test-only partition (Storage below) uses ItemChunks exactly the way QueuePartition does: producers append without
 * a lock (read the storage, read its tail, give up when it is sealed and the partition closed or else read the storage
 * again, make room, claim by CAS, store); block appends and drains hold the lock; a drain publishes fresh storage,
 * then seals the old one and reads what was claimed in it outside the lock, as a delivery does; close sets the flag
 * and seals. Its results are checked against a plain list (Model): an append adds an item unless the partition is
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
 * the capacity gate (COUNTED and the reservations in QueuePartition.append are not modelled); chunk links past the
 * first boundary or two; and QueuePartition itself, which is mirrored here, not called (a change there is not
 * checked until it is mirrored).
 *
 * It can fail: making ItemChunks.seal a plain write instead of a CAS, or letting claim compare only the claim count
 * (ignoring the flags the caller saw), makes the model checker report an invalid execution every time (an append
 * acknowledged while a drain sealed, whose item no drain returns), in a few seconds; the stress mode finds the
 * same, less surely (its window is a few instructions wide).
 */
@Param(name = "item", gen = IntGen.class, conf = "1:9")
public class ItemChunksLincheckTest {

    /** Items in the first storage before any operation: two claims short of the first chunk boundary. */
    private static final int PREFILLED = 14;

    /** A queue partition's use of ItemChunks, without the capacity gate. */
    static final class Storage {
        /** Where producers append: replaced under the lock, published before the old storage is sealed. */
        private volatile ItemChunks current = new ItemChunks(0);
        /** Set under the lock before the storage is sealed. */
        private volatile boolean closed;

        /** QueuePartition.append without the gate: false when closed. */
        boolean append(Object item) {
            while (true) {
                ItemChunks chunks = current;
                long tail = chunks.tail();
                if ((tail & ItemChunks.SEALED) != 0) {
                    if (closed) {
                        return false;
                    }
                    continue; // drained meanwhile: current already holds the next storage
                }
                long claimed = tail & ItemChunks.CLAIMS;
                if (!chunks.hasRoomFor(claimed + 1)) {
                    continue;
                }
                if (chunks.claim(tail, 1)) {
                    chunks.store(claimed, item);
                    return true;
                }
            }
        }

        /** QueuePartition.appendAllLocked, with the open check its callers make under the same lock. */
        synchronized boolean appendAll(Object[] items, int[] order, int from, int count) {
            if (closed) {
                return false;
            }
            ItemChunks chunks = current;
            while (true) {
                long tail = chunks.tail();
                long claimed = tail & ItemChunks.CLAIMS;
                if (chunks.hasRoomFor(claimed + count) && chunks.claim(tail, count)) {
                    chunks.storeAll(claimed, items, order, from, count);
                    return true;
                }
            }
        }

        /** QueuePartition.swapOut, then the delivery's read of the drained storage outside the lock. */
        List<Object> drain() {
            ItemChunks drained;
            long sealedTail;
            synchronized (this) {
                drained = current;
                long tail = drained.tail();
                if ((tail & ItemChunks.CLAIMS) == 0) {
                    return List.of();
                }
                current = new ItemChunks((tail & ItemChunks.COUNTED) | (closed ? ItemChunks.SEALED : 0));
                sealedTail = drained.seal();
            }
            int count = ItemChunks.claims(sealedTail);
            return new ArrayList<>(drained.slice(0, count));
        }

        /** QueuePartition.close. */
        void close() {
            synchronized (this) {
                closed = true;
                current.seal();
            }
        }

        /** QueuePartition.size. */
        int size() {
            return ItemChunks.claims(current.tail());
        }
    }

    private final Storage storage = new Storage();

    public ItemChunksLincheckTest() {
        for (int i = 0; i < PREFILLED; i++) {
            storage.append(100 + i);
        }
    }

    @Operation
    public boolean append(@Param(name = "item") int item) {
        return storage.append(item);
    }

    /** A block of three: item, item + 10, item + 20, given through a reversed order array as a batch push does. */
    @Operation
    public boolean appendBlock(@Param(name = "item") int item) {
        Object[] items = {-1, item + 20, item + 10, item};
        return storage.appendAll(items, new int[] {0, 3, 2, 1}, 1, 3);
    }

    @Operation
    public List<Object> drain() {
        return storage.drain();
    }

    @Operation
    public void close() {
        storage.close();
    }

    @Operation
    public int size() {
        return storage.size();
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

    /** A deeper search on demand: {@code -DitemChunks.lincheck.iterations=100 -DitemChunks.lincheck.invocations=5000}. */
    private static int setting(String name, int otherwise) {
        return Integer.getInteger("itemChunks.lincheck." + name, otherwise);
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
                ItemChunksLincheckTest.class);
    }

    /** Real threads, three of them: two producers and a drainer can race at once. */
    @Test
    void stress() {
        LinCheckerKt.check(new StressOptions()
                .sequentialSpecification(Model.class)
                .threads(setting("threads", 3)).actorsPerThread(setting("actors", 2))
                .actorsBefore(setting("before", 1)).actorsAfter(setting("after", 2))
                .iterations(setting("iterations", 10)).invocationsPerIteration(setting("invocations", 5_000)),
                ItemChunksLincheckTest.class);
    }
}
