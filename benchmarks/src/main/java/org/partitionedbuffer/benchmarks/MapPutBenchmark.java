package org.partitionedbuffer.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * Map puts, in puts per second, over 100,000 random keys (pre-generated, the index advanced per call), from 1 and 2
 * threads, into the engine and into the two baselines, every partition draining every 10 ms into a counting listener.
 * The secondary result {@code delivered} is what the drains handed over per second (last writes only, so it is below
 * the put rate whenever a key is written twice between drains).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MapPutBenchmark {

    static final int KEYS = 100_000;

    @Param({"engine", "concurrentHashMap", "lockedHashMap"})
    public String contestant;

    @Param({"2", "8"})
    public int partitions;

    private String[] keys;
    private Message[] values;
    private MapContestant map;

    @Setup(Level.Trial)
    public void create(DeliveredCount delivered) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "user-" + Long.toHexString(random.nextLong()); // distinct with overwhelming probability
            keys[i].hashCode(); // cached now, as for keys a caller holds for a while
        }
        values = Message.create(KEYS);
        map = MapContestant.create(contestant, partitions, delivered);
        System.gc(); // compacts keys and values in allocation order, the same way in every fork (QueuePushBenchmark)
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        map.close();
    }

    /** Each thread walks the key array from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            next = thread.getThreadIndex() * (KEYS / thread.getThreadCount());
        }

        int advance() {
            int index = next;
            next = index + 1 == KEYS ? 0 : index + 1;
            return index;
        }
    }

    @Benchmark
    @Threads(1)
    public void put_1thread(Cursor cursor, DrainRate drained) {
        int index = cursor.advance();
        map.put(keys[index], values[index]);
    }

    @Benchmark
    @Threads(2)
    public void put_2threads(Cursor cursor, DrainRate drained) {
        int index = cursor.advance();
        map.put(keys[index], values[index]);
    }
}
