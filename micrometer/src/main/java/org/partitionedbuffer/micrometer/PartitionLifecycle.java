package org.partitionedbuffer.micrometer;

import java.util.Arrays;

/**
 * How often each partition of one buffer started and stopped since the application began observing (the adapter
 * first tells a late observer what already started and stopped), tallied whether or not the buffer is claimed, so a
 * buffer claimed late still shows them all. The partition-start and -stop counters read it at each scrape.
 */
final class PartitionLifecycle {

    private long[] starts = new long[0]; // guarded by this
    private long[] stops = new long[0]; // guarded by this

    synchronized void started(int partition) {
        starts = increment(starts, partition);
    }

    synchronized void stopped(int partition) {
        stops = increment(stops, partition);
    }

    synchronized long starts(int partition) {
        return partition < starts.length ? starts[partition] : 0;
    }

    synchronized long stops(int partition) {
        return partition < stops.length ? stops[partition] : 0;
    }

    private static long[] increment(long[] counts, int partition) {
        long[] grown = partition < counts.length ? counts : Arrays.copyOf(counts, partition + 1);
        grown[partition]++;
        return grown;
    }
}
