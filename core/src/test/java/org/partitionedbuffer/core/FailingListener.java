package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * A listener scripted per call (fail, block, succeed) that records every call when it starts, so a test also sees a
 * call still in progress. Each batch gets a number in its partition when first delivered (1, 2, ...); a redelivery
 * carries the number of the batch with the same content, so traces such as "2#3" (batch 2, attempt 3) read the same
 * for a queue and for a map, whose batches hold entries in no particular order.
 */
final class FailingListener implements BatchListener {

    /** What to do with one call: return normally, or throw. It may block. */
    @FunctionalInterface
    interface Script {
        void run(Call call) throws Exception;
    }

    /** One onBatch call. */
    static final class Call {
        final Batch batch;
        final List<Integer> numbers;
        /** The batch's number in its partition; 0 for a redelivery of content never delivered before. */
        final int batchNumber;
        final long atMillis;
        final Thread thread;
        final boolean interruptedAtStart;
        /** Written by the calling thread when onBatch ends. */
        volatile Throwable failure;
        volatile boolean returned;

        Call(Batch batch, List<Integer> numbers, int batchNumber, long atMillis) {
            this.batch = batch;
            this.numbers = numbers;
            this.batchNumber = batchNumber;
            this.atMillis = atMillis;
            this.thread = Thread.currentThread();
            this.interruptedAtStart = thread.isInterrupted();
        }

        int attempt() {
            return batch.attempt();
        }

        /** "2#3": batch 2 of its partition, attempt 3. */
        String trace() {
            return batchNumber + "#" + batch.attempt();
        }

        boolean succeeded() {
            return returned && failure == null;
        }
    }

    private final BufferScheduler clock;
    private final Script script;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    // Guarded by this: per partition, the batch number of each content, and how many batches were seen.
    private final Map<Integer, Map<List<Integer>, Integer>> numbering = new HashMap<>();

    FailingListener(BufferScheduler clock, Script script) {
        this.clock = clock;
        this.script = script;
    }

    /** Throws a new IllegalStateException for batch {@code batchNumber} (of any partition) up to attempt {@code last}. */
    static Script failing(int batchNumber, int lastFailingAttempt) {
        return call -> {
            if (call.batchNumber == batchNumber && call.attempt() <= lastFailingAttempt) {
                throw new IllegalStateException("listener refuses batch " + batchNumber + " (attempt "
                        + call.attempt() + ")");
            }
        };
    }

    @Override
    public void onBatch(Batch batch) throws Exception {
        List<Integer> numbers = NumberedItems.numbers(batch);
        Call call = new Call(batch, numbers, numberOf(batch, numbers),
                TimeUnit.NANOSECONDS.toMillis(clock.nanoTime()));
        calls.add(call);
        try {
            script.run(call);
        } catch (Exception | Error e) {
            call.failure = e;
            throw e;
        } finally {
            call.returned = true;
        }
    }

    private synchronized int numberOf(Batch batch, List<Integer> numbers) {
        Map<List<Integer>, Integer> partition = numbering.computeIfAbsent(batch.partition(), p -> new HashMap<>());
        if (batch.attempt() > 1) {
            return partition.getOrDefault(numbers, 0);
        }
        int number = partition.size() + 1;
        partition.put(numbers, number);
        return number;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    Call call(int index) {
        return calls.get(index);
    }

    List<String> traces() {
        return calls.stream().map(Call::trace).toList();
    }

    List<String> traces(int partition) {
        return calls.stream().filter(call -> call.batch.partition() == partition).map(Call::trace).toList();
    }

    List<Long> times() {
        return calls.stream().map(call -> call.atMillis).toList();
    }

    List<Long> times(int partition) {
        return calls.stream().filter(call -> call.batch.partition() == partition).map(call -> call.atMillis)
                .toList();
    }

    List<Boolean> outcomes() {
        return calls.stream().map(Call::succeeded).toList();
    }

    /** The numbers of each batch of {@code partition} as first delivered, by batch number. */
    List<List<Integer>> batches(int partition) {
        return calls.stream().filter(call -> call.batch.partition() == partition && call.attempt() == 1)
                .map(call -> call.numbers).toList();
    }

    /** The numbers of every call that returned normally, in call order. */
    List<Integer> deliveredNumbers() {
        List<Integer> numbers = new ArrayList<>();
        calls.stream().filter(Call::succeeded).forEach(call -> numbers.addAll(call.numbers));
        return numbers;
    }
}
