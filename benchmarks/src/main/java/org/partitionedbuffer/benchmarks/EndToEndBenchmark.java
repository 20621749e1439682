package org.partitionedbuffer.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.QueueBuffer;

/**
 * End to end, as the reference measured it: the time from the first push of 1,000,000 distinct 100-byte messages to
 * the end of the {@code onBatch} call that delivers the last of them, with 2 partitions, processingIntervalMs 10 and
 * processingBatchSize 1000, from 1 or 2 producer threads, pushing one item per call or lists of 1000. Each iteration
 * uses a new buffer; the messages and the lists are created once, before any timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EndToEndBenchmark {

    static final int ITEMS = 1_000_000;
    static final int PARTITIONS = 2;
    static final int LIST_SIZE = 1000;

    @Param({"1", "2"})
    public int producers;

    /** 1: {@code push} per item; 1000: {@code pushAll} of lists of 1000. */
    @Param({"1", "1000"})
    public int itemsPerCall;

    private Message[] messages;
    private List<List<Object>> lists;
    private ScheduledExecutorService bufferThreads;
    private BufferRegistry registry;
    private ExecutorService producerThreads;

    private int run;
    private String bufferName;
    private QueueBuffer buffer;
    private CountDownLatch allDelivered;

    @Setup(Level.Trial)
    public void createItemsAndThreads() {
        messages = Message.create(ITEMS);
        lists = new ArrayList<>();
        for (int from = 0; from < ITEMS; from += LIST_SIZE) {
            lists.add(Arrays.asList((Object[]) Arrays.copyOfRange(messages, from, from + LIST_SIZE)));
        }
        bufferThreads = Contest.drainThreads();
        registry = Contest.registry(bufferThreads);
        producerThreads = Executors.newFixedThreadPool(producers);
        for (int i = 0; i < producers; i++) {
            producerThreads.submit(() -> { }); // started before the timing
        }
        System.gc(); // compacts the messages in allocation order, the same way in every fork (QueuePushBenchmark)
    }

    @Setup(Level.Iteration)
    public void createBuffer() {
        bufferName = "end-to-end-" + run++;
        allDelivered = new CountDownLatch(1);
        CountDownLatch done = allDelivered;
        AtomicLong delivered = new AtomicLong();
        buffer = (QueueBuffer) registry.create(BufferOptions.builder(bufferName).partitions(PARTITIONS)
                .processingIntervalMs(Contest.INTERVAL_MS).processingBatchSize(Contest.BATCH_SIZE).build());
        buffer.attach(batch -> {
            int seen = 0;
            for (Object item : batch.items()) {
                if (item != null) {
                    seen++;
                }
            }
            if (delivered.addAndGet(seen) == ITEMS) {
                done.countDown();
            }
        });
    }

    @Benchmark
    public void oneMillionItems() throws Exception {
        List<Future<?>> pushing = new ArrayList<>(producers);
        for (int p = 0; p < producers; p++) {
            int producer = p;
            pushing.add(producerThreads.submit(() -> push(producer)));
        }
        if (!allDelivered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not everything was delivered within 60 s: " + buffer.statistics());
        }
        for (Future<?> producer : pushing) {
            producer.get(); // a producer's failure fails the run
        }
    }

    /** Producer {@code producer} pushes its share: every producers-th message, or every producers-th list. */
    private void push(int producer) {
        if (itemsPerCall == 1) {
            for (int i = producer; i < ITEMS; i += producers) {
                buffer.push(messages[i]);
            }
        } else {
            for (int i = producer; i < lists.size(); i += producers) {
                buffer.pushAll(lists.get(i));
            }
        }
    }

    @TearDown(Level.Iteration)
    public void removeBuffer() throws Exception {
        registry.remove(bufferName).get(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void stopThreads() throws Exception {
        producerThreads.shutdownNow();
        Contest.shutDown(bufferThreads);
    }
}
