package org.partitionedbuffer.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.MapBuffer;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.core.QueueBuffer;

/**
 * Heap per buffered item: the heap in use after full collections, before and after 1,000,000 distinct 100-byte
 * messages are buffered in a buffer whose interval never fires, divided by the count; compared with what the same
 * messages cost alone, held in a plain array and measured the same way.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar org.partitionedbuffer.benchmarks.MemoryPerItem
 * [count]}
 */
public final class MemoryPerItem {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long NEVER_MS = TimeUnit.HOURS.toMillis(1);

    private MemoryPerItem() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("JVM: %s %s, %s; %d items of a %d-byte payload%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                count, Message.PAYLOAD_BYTES);
        ScheduledExecutorService threads = Contest.drainThreads();
        try {
            BufferRegistry registry = Contest.registry(threads);
            measure(registry, BufferType.QUEUE, count);
            measure(registry, BufferType.MAP, count);
        } finally {
            Contest.shutDown(threads);
        }
    }

    private static void measure(BufferRegistry registry, BufferType type, int count) throws Exception {
        long empty = usedAfterGc();
        Message[] messages = Message.create(count);
        Long[] keys = type == BufferType.MAP ? new Long[count] : null;
        for (int i = 0; keys != null && i < count; i++) {
            keys[i] = (long) i + Integer.MAX_VALUE; // distinct objects, outside the Long cache
        }
        long withItems = usedAfterGc();

        String name = "memory-" + type.optionValue();
        PartitionedBuffer buffer = registry.create(BufferOptions.builder(name).type(type).partitions(2)
                .processingIntervalMs(NEVER_MS).processingBatchSize(1000).build());
        for (int i = 0; i < count; i++) {
            if (buffer instanceof QueueBuffer queue) {
                queue.push(messages[i]);
            } else {
                ((MapBuffer) buffer).put(keys[i], messages[i]);
            }
        }
        long withBufferAndArrays = usedAfterGc();
        messages = null; // from here on only the buffer holds the items
        keys = null;
        long withBuffer = usedAfterGc();
        if (buffer.size() != count) {
            throw new IllegalStateException("the buffer holds " + buffer.size() + " items, not " + count);
        }

        double alone = (withItems - empty) / (double) count;
        double buffered = (withBuffer - empty) / (double) count;
        System.out.printf(Locale.ROOT, "%s: items alone (%s in plain arrays) %.1f B/item; buffered %.1f B/item"
                        + " (buffer structures %.1f B/item); ratio buffered/alone %.2f%n",
                type.optionValue(), type == BufferType.MAP ? "messages and Long keys" : "messages", alone, buffered,
                (withBufferAndArrays - withItems) / (double) count, buffered / alone);

        buffer.attach(batch -> { });
        registry.remove(name).get(60, TimeUnit.SECONDS);
    }

    /** Heap in use after several full collections, once it stops shrinking. */
    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
