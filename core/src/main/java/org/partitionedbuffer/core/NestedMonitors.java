package org.partitionedbuffer.core;

import java.util.function.Supplier;

/**
 * Runs code while holding the monitors of several objects at once, taken in the order given (ascending partition
 * index, so that concurrent batch calls cannot deadlock). A monitor is released only by the stack frame that
 * took it, so holding N of them takes N nested {@code synchronized} blocks, and the stack they need grows with N. One
 * per frame, a batch call over 3,000 partitions overflowed a 512 KB thread stack; eight per frame, 8,000 still fit
 * ({@code PartitionLockingTest} runs batches over 5,000 partitions on such a stack). Monitors rather than
 * {@code ReentrantLock}s, whose loop needs no nesting, because HotSpot's adaptive spinning made contended map puts and
 * batch pushes 1.2 to 1.5 times faster (docs/BENCHMARKS.md, commit befce3d).
 */
final class NestedMonitors {

    private static final int PER_FRAME = 8;
    /**
     * Up to this many monitors (at most about 13 KB of stack), one per frame, the code docs/BENCHMARKS.md measured.
     * Eight per frame measured 36.0 and 42.6 M items/s against 63.5 and 52.7 for pushAll over 8 partitions in one
     * alternating comparison: a gap this machine's noise can produce, but no reason to change the common case.
     */
    private static final int ONE_PER_FRAME_UP_TO = 64;

    private NestedMonitors() {
    }

    /** Runs {@code body} holding the monitors of {@code objects[indexes[0]]}, {@code objects[indexes[1]]}... */
    static <T> T holding(Object[] objects, int[] indexes, Supplier<T> body) {
        return holdingFrom(objects, indexes, 0, body);
    }

    private static <T> T holdingFrom(Object[] objects, int[] indexes, int next, Supplier<T> body) {
        int left = indexes.length - next;
        if (left == 0) {
            return body.get();
        }
        if (left < PER_FRAME || indexes.length <= ONE_PER_FRAME_UP_TO) {
            synchronized (objects[indexes[next]]) {
                return holdingFrom(objects, indexes, next + 1, body);
            }
        }
        synchronized (objects[indexes[next]]) {
            synchronized (objects[indexes[next + 1]]) {
                synchronized (objects[indexes[next + 2]]) {
                    synchronized (objects[indexes[next + 3]]) {
                        synchronized (objects[indexes[next + 4]]) {
                            synchronized (objects[indexes[next + 5]]) {
                                synchronized (objects[indexes[next + 6]]) {
                                    synchronized (objects[indexes[next + 7]]) {
                                        return holdingFrom(objects, indexes, next + PER_FRAME, body);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
