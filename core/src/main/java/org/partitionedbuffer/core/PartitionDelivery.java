package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.DeadLetter;

/**
 * Delivers one partition's drained items to the buffer's listener: batch after batch, one at a time, retrying a failed
 * batch with doubling backoff before any later one, then dead-lettering or dropping it.
 *
 * <p>A "run" owns the delivery state. {@link #request()} starts one when none is active; a run that must wait (a retry
 * backoff) or that lost its thread to a timeout keeps ownership and hands it to the task that continues it, so at most
 * one batch of the partition is ever being attempted. No thread sleeps: waits are scheduled.
 */
final class PartitionDelivery {

    private static final Logger LOG = Logger.getLogger(PartitionDelivery.class.getName());
    private static final long RESUBMIT_DELAY_MS = 50;
    /** Wait before trying an unavailable listener again (it is usually being detached: an undeploy under way). */
    static final long UNAVAILABLE_RETRY_MS = 100;

    private enum Outcome { SUCCEEDED, PARTLY_FAILED, FAILED, TIMED_OUT }

    private enum Progress { DRAIN_DONE, PAUSED, HANDED_OFF }

    /** What this delivery sees of its buffer. */
    private final DeliveryContext buffer;
    private final BufferLifecycle lifecycle;
    private final Telemetry telemetry;
    private final Partition partition;
    private final BufferScheduler scheduler;

    /** True while a run owns the state below. Set by request() (CAS), cleared by the owner in release(). */
    private final AtomicBoolean running = new AtomicBoolean();
    /**
     * The partition's insert count up to which everything was delivered or given up: read before each swap, it is
     * published when that drain ends (at once for an empty swap). Written by the run owner, read by anyone.
     */
    private volatile long deliveredUpTo;
    /** The insert count read before the current drain's swap. Owned by the current run. */
    private long drainUpTo;
    /** A drain was asked for (tick, flush, threshold, stop). Set by anyone, cleared by the run taking a drain. */
    private volatile boolean due;
    /** What asked for a drain last: the reason the next drain's {@link DrainEvent} gives. */
    private volatile DrainReason dueReason = DrainReason.INTERVAL;
    private final AttemptWatchdog watchdog;
    /** The run stopped mid-drain for want of a listener. Written by the run owner, read by attach(). */
    private volatile boolean pausedDrain;

    // Owned by the current run; each hand-off (execute, schedule, DeliveryAttempt) publishes it to the next owner.
    private Drain drain;
    /** Items of the drain in hand not yet delivered or given up (for the count of what the buffer holds). */
    private volatile int unfinished;
    private int cursor;
    private int batchEnd = -1;
    private int attempt = 1;
    private Throwable lastError;
    /**
     * Positions in the current batch (from cursor) already settled: processed by an attempt that marked others failed,
     * or given up on their own (items the listener could not take, or non-retryable marks). The next attempt leaves
     * them out.
     */
    private final BitSet settled = new BitSet();
    /** The current batch's items as the listener {@code carriedFor} takes them; rebuilt for another listener. */
    private List<Object> carried;
    private BatchListener carriedFor;
    /** The batch position of each item of {@code carried}; null when they are the positions 0, 1, 2 ... */
    private int[] carriedPositions;
    /** Why each item of {@code carried} was given up by the buffer it came from; null when none is a dead letter. */
    private DeadLetter[] carriedLetters;
    /**
     * By position in the current batch: the cause each item was marked failed with at the last attempt, so that an
     * item given up after its retries is dead-lettered with its own cause; null when the last attempt failed whole.
     */
    private Throwable[] markCauses;
    private int consecutiveRejections;
    private int consecutiveUnavailable;

    // Written by the run owner, read by statistics.
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong failedItems = new AtomicLong();
    private final AtomicLong deadLetteredItems = new AtomicLong();
    private final AtomicLong markedItems = new AtomicLong();

    PartitionDelivery(DeliveryContext buffer, Partition partition, BufferScheduler scheduler) {
        this.buffer = buffer;
        this.lifecycle = buffer.lifecycle();
        this.telemetry = buffer.telemetry();
        this.partition = partition;
        this.scheduler = scheduler;
        this.watchdog = new AttemptWatchdog(scheduler,
                "Buffer '" + buffer.bufferName() + "' partition " + partition.index, this::onTimeout);
    }

    Partition partition() {
        return partition;
    }

    /** Asks for the partition to be drained and delivered now, or right after the delivery in progress. */
    void request(DrainReason reason) {
        if (dueReason != reason) {
            dueReason = reason; // written only when it changes: a threshold reached insert after insert writes nothing
        }
        if (!due) {
            due = true;
        }
        if (buffer.listener() == null && !lifecycle.isStopping()) {
            return; // nothing to deliver to; attach() asks again
        }
        if (!running.get() && running.compareAndSet(false, true)) {
            submit();
        }
    }

    /** Asks for a drain now; returns the insert count that {@link #reached} must pass for it to have ended. */
    long requestAndMark() {
        long mark = partition.inserted();
        request(DrainReason.FLUSH);
        return mark;
    }

    /** Whether everything inserted before {@code mark} (from {@link #requestAndMark()}) was delivered or given up. */
    boolean reached(long mark) {
        return deliveredUpTo >= mark;
    }

    /** Whether no delivery runs, waits for a retry or holds part of a drain. */
    boolean idle() {
        return !running.get() && !pausedDrain;
    }

    /** Whether part of a drain waits for a listener to attach. */
    boolean holdsPausedDrain() {
        return pausedDrain;
    }

    long processed() {
        return processed.get();
    }

    long exceptions() {
        return exceptions.get();
    }

    long retries() {
        return retries.get();
    }

    long failedBatches() {
        return failedBatches.get();
    }

    long failedItems() {
        return failedItems.get();
    }

    long deadLetteredItems() {
        return deadLetteredItems.get();
    }

    long markedItems() {
        return markedItems.get();
    }

    private void submit() {
        try {
            scheduler.execute(deliveryRun);
            consecutiveRejections = 0;
        } catch (RuntimeException rejected) {
            submitLater(rejected, "no thread to deliver on");
        }
    }

    private void submitLater(Exception rejected, String why) {
        Level level = consecutiveRejections++ == 0 ? Level.WARNING : Level.FINE;
        LOG.log(level, rejected, () -> "Buffer '" + buffer.bufferName() + "' partition " + partition.index
                + ": " + why + "; trying again in " + RESUBMIT_DELAY_MS + " ms");
        try {
            scheduler.schedule(this::submit, RESUBMIT_DELAY_MS);
        } catch (RuntimeException timerGone) {
            LOG.log(Level.SEVERE, timerGone, () -> "Buffer '" + buffer.bufferName() + "' partition "
                    + partition.index + ": the scheduler refuses all work; delivery resumes on the next request");
            running.set(false);
        }
    }

    /**
     * The scheduler took a run and then refused it (the server refuses an application's Work while it stops). The run
     * never started, so the drain in hand is untouched. With no listener there is nothing to deliver to: a stopping
     * buffer gives up what it holds here, at once, counted and logged, rather than holding its stop to the deadline;
     * a running one keeps it until a listener attaches. Otherwise the run is submitted again shortly.
     */
    private void refused(Exception why) {
        boolean noListener = buffer.listener() == null;
        if (lifecycle.isStopping() && (noListener || lifecycle.pastStopDeadline())) {
            LOG.log(Level.FINE, why, () -> "Buffer '" + buffer.bufferName() + "' partition " + partition.index
                    + ": the server refused the stop's delivery run; it ends here");
            run();
        } else if (noListener) {
            LOG.log(Level.FINE, why, () -> "Buffer '" + buffer.bufferName() + "' partition " + partition.index
                    + ": the server refused a delivery run with no listener attached; the items wait for one");
            release(); // and submits again if a listener attached meanwhile (its request found the run owned)
        } else {
            submitLater(why, "the server refused the delivery run it had accepted");
        }
    }

    /** What the scheduler runs, or tells of its refusal: one object for every submission of this delivery. */
    private final BufferScheduler.RefusableTask deliveryRun = new BufferScheduler.RefusableTask() {
        @Override
        public void run() {
            PartitionDelivery.this.run();
        }

        @Override
        public void refused(Exception why) {
            PartitionDelivery.this.refused(why);
        }
    };

    private void run() {
        boolean ended;
        try {
            ended = deliverUntilIdle();
        } catch (RuntimeException | LinkageError unexpected) {
            // Not the listener's (attempt() contains those): a fault of the engine or its surroundings. The drain in
            // hand stays in this delivery, counted nowhere else, and the next run resumes it; a run that ended here
            // without releasing would stall the partition for good.
            LOG.log(Level.SEVERE, unexpected, () -> "Buffer '" + buffer.bufferName() + "' partition "
                    + partition.index + ": a delivery run failed; what it held is kept for the next run");
            ended = true;
        }
        if (ended) {
            release();
        }
    }

    private void release() {
        running.set(false);
        if (due && (buffer.listener() != null || lifecycle.isStopping()) && running.compareAndSet(false, true)) {
            submit();
        }
    }

    /** Takes and delivers drains while any is due. True when the run ended, false when it was handed on. */
    private boolean deliverUntilIdle() {
        while (true) {
            if (drain == null) {
                boolean stopping = lifecycle.isStopping();
                if (buffer.listener() == null && !stopping) {
                    return true; // pending data stays in the partition until a listener attaches
                }
                due = false;
                long insertedBefore = partition.inserted(); // what the swap takes includes at least these
                drain = partition.swapOut();
                if (drain == null) {
                    deliveredUpTo = insertedBefore; // nothing pending: every earlier insert went in an ended drain
                    if (stopping && partition.closedAndEmpty()) {
                        lifecycle.partitionFinished(partition.index);
                    }
                    return true;
                }
                recordDrain(stopping);
                unfinished = drain.size();
                drainUpTo = insertedBefore;
                cursor = 0;
                batchEnd = -1;
                attempt = 1;
            }
            Progress progress = deliverDrain();
            if (progress != Progress.DRAIN_DONE) {
                return progress == Progress.PAUSED;
            }
            drain = null;
            unfinished = 0;
            deliveredUpTo = drainUpTo;
            if (!due && !lifecycle.isStopping()) {
                return true;
            }
        }
    }

    private void recordDrain(boolean stopping) {
        if (!FlightRecorderEvents.AVAILABLE) {
            return;
        }
        DrainEvent event = new DrainEvent();
        if (event.isEnabled()) {
            event.buffer = buffer.bufferName();
            event.partition = partition.index;
            event.size = drain.size();
            event.reason = (stopping ? DrainReason.STOP : dueReason).label();
            event.commit();
        }
    }

    private Progress deliverDrain() {
        while (cursor < drain.size()) {
            BufferOptions options = buffer.options();
            if (batchEnd < 0) {
                batchEnd = options.tableMode() ? drain.size()
                        : (int) Math.min((long) cursor + options.processingBatchSize(), drain.size());
            }
            BatchListener listener = buffer.listener();
            if (lifecycle.isStopping() && (listener == null || lifecycle.pastStopDeadline())) {
                // One failure for the whole remainder: one log line, not one per batch.
                batchEnd = drain.size();
                giveUp(new TimeoutException(listener == null ? "the buffer stopped with no listener attached"
                        : "the buffer's stop ran out of time (processingTimeoutMs=" + options.processingTimeoutMs()
                        + ")"));
                continue;
            }
            if (listener == null) {
                pausedDrain = true;
                return Progress.PAUSED; // resumes where it was when a listener attaches
            }
            pausedDrain = false;
            switch (attempt(listener, options)) {
                case SUCCEEDED -> advance();
                case PARTLY_FAILED -> {
                    if (batchSize() == 0) {
                        advance(); // every marked item was non-retryable, and is given up already
                    } else if (!retryOrGiveUp()) {
                        return Progress.HANDED_OFF;
                    }
                }
                case FAILED -> {
                    if (buffer.listener() != listener) {
                        // Detached while onBatch ran (an undeploy): the failure says nothing about the batch, so it
                        // uses up no retry and goes, as the same attempt, to the next listener.
                        continue;
                    }
                    if (lastError instanceof ListenerUnavailableException) {
                        // The same, seen before the detach arrives: try again shortly, as the same attempt.
                        awaitListener();
                        return Progress.HANDED_OFF;
                    }
                    if (!retryOrGiveUp()) {
                        return Progress.HANDED_OFF;
                    }
                }
                case TIMED_OUT -> {
                    return Progress.HANDED_OFF;
                }
            }
        }
        return Progress.DRAIN_DONE;
    }

    private Outcome attempt(BatchListener listener, BufferOptions options) {
        List<Object> items = itemsFor(listener);
        if (items.isEmpty()) {
            return Outcome.SUCCEEDED; // every item was given up on its own
        }
        DeliveredBatch batch = new DeliveredBatch(buffer.bufferName(), partition.index, buffer.type(), items, attempt,
                carriedLetters);
        long start = scheduler.nanoTime();
        long deadline = lifecycle.attemptDeadline(start, TimeUnit.MILLISECONDS.toNanos(options.processingTimeoutMs()));
        DeliveryAttempt thisAttempt = new DeliveryAttempt(Thread.currentThread(), start, deadline);
        watchdog.watch(thisAttempt);
        telemetry.processingStarted(partition.index, items.size(), attempt, scheduler.currentTimeMillis());
        DeliveryAttemptEvent event = FlightRecorderEvents.AVAILABLE ? new DeliveryAttemptEvent() : null;
        if (event != null) {
            event.begin();
        }
        Throwable error = null;
        try {
            listener.onBatch(batch);
        } catch (Throwable thrown) { // any failure of the listener, Errors included, must not end the partition
            error = thrown;
        }
        if (event != null) {
            event.end();
        }
        long duration = scheduler.nanoTime() - start;
        if (!thisAttempt.finish()) {
            Thread.interrupted(); // the watchdog's interrupt, now harmless: it owns the delivery
            recordAttempt(event, items.size(), "timed out");
            return Outcome.TIMED_OUT;
        }
        watchdog.finished();
        if (error != null) {
            recordAttempt(event, items.size(), "failed");
            recordException(error, duration, items.size());
            return Outcome.FAILED;
        }
        recordAttempt(event, items.size(), batch.markedCount() == 0 ? "processed" : "partly failed");
        int marked = batch.markedCount();
        processed.addAndGet(items.size() - marked);
        telemetry.processingStopped(partition.index, items.size() - marked, attempt, duration);
        if (marked == 0) {
            return Outcome.SUCCEEDED;
        }
        settleMarkedBatch(batch, options);
        return Outcome.PARTLY_FAILED;
    }

    private void recordAttempt(DeliveryAttemptEvent event, int size, String outcome) {
        if (event != null && event.shouldCommit()) {
            event.buffer = buffer.bufferName();
            event.partition = partition.index;
            event.size = size;
            event.attempt = attempt;
            event.outcome = outcome;
            event.commit();
        }
    }

    /**
     * After an attempt that returned with items marked failed: the others are processed (settled), the marked ones
     * with a non-retryable cause are given up now, the rest stay for a retry of their own, the first one's cause as
     * the batch's error.
     */
    private void settleMarkedBatch(DeliveredBatch batch, BufferOptions options) {
        markedItems.addAndGet(batch.markedCount());
        List<Object> nonRetryable = List.of();
        List<Throwable> nonRetryableCauses = List.of();
        Throwable firstCause = null;
        Throwable firstRetryable = null;
        for (int i = 0; i < batch.size(); i++) {
            Throwable cause = batch.causeOf(i);
            int position = carriedPositions == null ? i : carriedPositions[i];
            if (cause == null) {
                settled.set(position);
                continue;
            }
            firstCause = firstCause == null ? cause : firstCause;
            if (options.nonRetryable().matches(cause)) {
                settled.set(position);
                if (nonRetryable.isEmpty()) {
                    nonRetryable = new ArrayList<>();
                    nonRetryableCauses = new ArrayList<>();
                }
                nonRetryable.add(DeadLettered.original(drain.items(cursor + position, cursor + position + 1).get(0)));
                nonRetryableCauses.add(cause);
            } else {
                markCauses = markCauses == null ? new Throwable[batchEnd - cursor] : markCauses;
                markCauses[position] = cause;
                firstRetryable = firstRetryable == null ? cause : firstRetryable;
            }
        }
        telemetry.itemsFailed(partition.index, batch.markedCount(), attempt, firstCause);
        carried = null; // the next attempt carries the unsettled items only
        carriedFor = null;
        lastError = firstRetryable;
        if (!nonRetryable.isEmpty()) {
            giveUpItems(nonRetryable, nonRetryableCauses, "non-retryable");
        }
    }

    /**
     * The current batch as {@code listener} takes it: without the items given up on their own, and converted by an
     * {@link ItemCarrier} listener, whose unconvertible items are given up now. The drain's own list when nothing
     * changes.
     */
    private List<Object> itemsFor(BatchListener listener) {
        if (carriedFor == listener) {
            return carried;
        }
        List<Object> originals = drain.items(cursor, batchEnd);
        ItemCarrier carrier = listener instanceof ItemCarrier c ? c : null;
        boolean deadLetters = buffer.holdsDeadLetters();
        carriedPositions = null;
        carriedLetters = null;
        if (carrier == null && settled.isEmpty() && !deadLetters) {
            return originals; // nothing to convert or leave out: the listener walks the drain's slots once
        }
        List<Object> kept = null;                 // created at the first item that differs from the drain's
        int[] positions = null;                   // the batch position of each kept item, created with it
        DeadLetter[] letters = null;              // why each kept item was given up elsewhere, for a dead-letter bean
        List<Object> refused = List.of();
        List<Throwable> refusals = List.of();
        for (int i = 0; i < originals.size(); i++) {
            Object stored = originals.get(i);
            Object item = DeadLettered.original(stored);
            Object taken = item;
            boolean skipped = settled.get(i);
            if (!skipped && carrier != null) {
                try {
                    taken = carrier.carry(item);
                } catch (ItemNotCarriedException e) {
                    skipped = true;
                    settled.set(i);
                    refused = refused.isEmpty() ? new ArrayList<>() : refused;
                    refused.add(item);
                    refusals = refusals.isEmpty() ? new ArrayList<>() : refusals;
                    refusals.add(e);
                }
            }
            if (kept == null && (skipped || taken != stored)) {
                kept = new ArrayList<>(originals.subList(0, i)); // all taken as they were, so far
                positions = new int[originals.size()];
                for (int p = 0; p < i; p++) {
                    positions[p] = p;
                }
            }
            if (kept != null && !skipped) {
                if (stored instanceof DeadLettered deadLettered) {
                    letters = letters == null ? new DeadLetter[originals.size()] : letters;
                    letters[kept.size()] = deadLettered.letter();
                }
                positions[kept.size()] = i;
                kept.add(taken);
            }
        }
        carriedPositions = positions;
        carriedLetters = letters;
        if (!refused.isEmpty()) {
            giveUpItems(refused, refusals, null);
        }
        carried = kept == null ? originals : Collections.unmodifiableList(kept);
        carriedFor = listener;
        return carried;
    }

    private void recordException(Throwable error, long durationNanos, int size) {
        lastError = error;
        markCauses = null; // the whole batch failed: the marks of an earlier attempt are ignored
        exceptions.incrementAndGet();
        LOG.log(Level.FINE, error, () -> "Buffer '" + buffer.bufferName() + "' partition " + partition.index
                + ": attempt " + attempt + " of a batch of " + size + " failed");
        telemetry.processingException(partition.index, size, attempt, durationNanos, error);
    }

    /** After an attempt the listener refused as unavailable: the same attempt again, or to the next listener. */
    private void awaitListener() {
        Level level = consecutiveUnavailable++ == 0 ? Level.INFO : Level.FINE;
        LOG.log(level, () -> "Buffer '" + buffer.bufferName() + "' partition " + partition.index + ": the listener is"
                + " unavailable (" + lastError.getMessage() + "); the batch of " + batchSize() + " item(s) is"
                + " kept, no retry used, tried again in " + UNAVAILABLE_RETRY_MS + " ms or given to the next listener");
        continueAfter(UNAVAILABLE_RETRY_MS);
    }

    /** After a failed attempt. False when a retry was scheduled (ownership handed on), true when it was given up. */
    private boolean retryOrGiveUp() {
        BufferOptions options = buffer.options();
        if (options.nonRetryable().matches(lastError)) {
            giveUp(lastError, "non-retryable");
            return true;
        }
        long backoff = backoffMillis(options.retryBackoffMs(), attempt);
        if (attempt <= options.maxRetries() && lifecycle.retryFitsStop(backoff)) {
            retries.incrementAndGet();
            attempt++;
            telemetry.retryScheduled(partition.index, batchSize(), attempt, backoff);
            continueAfter(backoff);
            return false;
        }
        giveUp(lastError, null);
        return true;
    }

    /** {@code base} x 2^(failedAttempt-1), saturating instead of overflowing. */
    static long backoffMillis(long base, int failedAttempt) {
        int shift = failedAttempt - 1;
        if (base == 0) {
            return 0;
        }
        return shift >= 63 || base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    }

    private void continueAfter(long delayMillis) {
        if (delayMillis == 0) {
            submit();
            return;
        }
        try {
            scheduler.schedule(this::submit, delayMillis);
        } catch (RuntimeException timerGone) {
            submit();
        }
    }

    /**
     * Gives up what remains of the current batch (its items not settled already), then moves on.
     *
     * @param why a word on why no retry is left, for the log ({@code non-retryable}); null when they ran out
     */
    private void giveUp(Throwable reason, String why) {
        List<Object> originals = drain.items(cursor, batchEnd);
        List<Object> remaining = originals;
        List<Throwable> reasons = Collections.nCopies(originals.size(), reason);
        if (!settled.isEmpty() || buffer.holdsDeadLetters() || markCauses != null) {
            remaining = new ArrayList<>(originals.size());
            reasons = new ArrayList<>(originals.size());
            for (int i = 0; i < originals.size(); i++) {
                if (!settled.get(i)) {
                    remaining.add(DeadLettered.original(originals.get(i)));
                    Throwable own = markCauses == null ? null : markCauses[i];
                    reasons.add(own == null ? reason : own);
                }
            }
        }
        if (!remaining.isEmpty()) {
            giveUpItems(remaining, reasons, why);
        }
        advance();
    }

    private void giveUp(Throwable reason) {
        giveUp(reason, null);
    }

    /** Dead-letters or drops {@code items} of the current batch, all for one {@code reason}. */
    private void giveUpItems(List<Object> items, Throwable reason, String why) {
        giveUpItems(items, Collections.nCopies(items.size(), reason), why);
    }

    /**
     * Dead-letters or drops {@code items} of the current batch, each with its own cause ({@code reasons}, in the same
     * order), counted and logged once, with the first cause.
     */
    private void giveUpItems(List<Object> items, List<Throwable> reasons, String why) {
        failedBatches.incrementAndGet();
        failedItems.addAndGet(items.size());
        Throwable reason = reasons.get(0);
        String deadLetterBuffer = buffer.options().deadLetterBuffer();
        long now = scheduler.currentTimeMillis();
        boolean deadLettered = deadLetterBuffer != null && buffer.deadLetters().accept(deadLetterBuffer, items,
                letters(reasons, now));
        if (deadLettered) {
            deadLetteredItems.addAndGet(items.size());
        }
        String what = reason instanceof ItemNotCarriedException
                ? items.size() + " item(s) its listener cannot take (" + reason.getMessage() + ")"
                : "a batch of " + items.size() + " item(s) after " + attempt + " attempt(s)"
                + (why == null ? "" : " (" + why + ")");
        // The cause goes with the record: handlers print it, its class and message first.
        LOG.log(Level.WARNING, reason, () -> String.format("Buffer '%s' partition %d: gave up %s; %s",
                buffer.bufferName(), partition.index, what,
                deadLettered ? "moved it to dead-letter buffer '" + deadLetterBuffer + "'" : "dropped it"));
        telemetry.processingFailed(partition.index, items.size(), scheduler.currentTimeMillis(), reason,
                deadLettered);
    }

    /** One letter per item, shared by neighbours with the same cause (a whole batch given up makes one). */
    private List<DeadLetter> letters(List<Throwable> reasons, long now) {
        List<DeadLetter> letters = new ArrayList<>(reasons.size());
        Throwable previousCause = null;
        DeadLetter previous = null;
        for (Throwable cause : reasons) {
            if (cause != previousCause) {
                previous = new DeadLetter(buffer.bufferName(), partition.index, attempt, cause.getClass().getName(),
                        cause.getMessage(), now);
                previousCause = cause;
            }
            letters.add(previous);
        }
        return letters;
    }

    /** Items of the current batch still to deliver: those not settled. */
    private int batchSize() {
        return batchEnd - cursor - settled.cardinality();
    }

    private void advance() {
        settled.clear();
        carriedPositions = null;
        carriedLetters = null;
        markCauses = null;
        carried = null;
        carriedFor = null;
        cursor = batchEnd;
        unfinished = drain.size() - cursor;
        batchEnd = -1;
        attempt = 1;
        lastError = null;
        consecutiveUnavailable = 0;
    }

    /** Items drained and not yet delivered or given up: the batch in hand and the rest of its drain. */
    int unfinished() {
        return unfinished;
    }

    /** The watchdog won the race against the listener: it owns the delivery now and continues it. */
    private void onTimeout(DeliveryAttempt timedOut, long now) {
        long limit = buffer.options().processingTimeoutMs();
        recordException(new TimeoutException("onBatch ran past processingTimeoutMs=" + limit
                + " and its thread was interrupted"), now - timedOut.startNanos(), batchSize());
        if (retryOrGiveUp()) {
            submit();
        }
    }
}
