package org.partitionedbuffer.core;

import java.util.Locale;

/** What an insert does when the buffer already holds {@code capacity} pending items. */
public enum Overflow {
    /** Refuse at once with {@link org.partitionedbuffer.api.BufferFullException}. */
    REJECT,
    /** Wait up to {@code processingTimeoutMs} for a drain to make room, then refuse. */
    BLOCK;

    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
