package org.partitionedbuffer.core;

/** What one try of an insert did. A try holds the partition locks it needs and is all or nothing. */
enum Placement {
    /** Written: the items are pending. */
    PLACED,
    /** Not written, and never will be: a versioned write no newer than the version the buffer knows. */
    IGNORED,
    /** Not written for want of room; nothing stays reserved. The caller may wait for room and try again. */
    FULL,
    /** Not written: a partition it writes is closed, the buffer is stopping. */
    CLOSED
}
