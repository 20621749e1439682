package org.partitionedbuffer.core;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A partition's lock: a {@link ReentrantLock} that spins briefly before parking. It is held for one append, one map
 * write or one storage swap (tens to a few hundred nanoseconds), so a producer that finds it taken almost always gets
 * it within a few spins, while parking costs a futex sleep and a wake-up, far more than the hold. Profiled with two
 * producers on two partitions: the plain lock parked on most collisions (64,000 parks in 6 s of map puts).
 */
final class PartitionLock extends ReentrantLock {

    private static final long serialVersionUID = 1L;

    /** About a microsecond of spinning: several holds, well below the cost of a park and wake-up. */
    private static final int SPINS = 64;

    @Override
    public void lock() {
        if (tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!isLocked() && tryLock()) {
                return;
            }
        }
        super.lock();
    }
}
