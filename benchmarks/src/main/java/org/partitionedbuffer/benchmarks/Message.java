package org.partitionedbuffer.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The item of every benchmark: an id and a 100-byte payload, as in the reference's measurements (1M distinct 100-byte
 * messages). The hash comes from the id, so routing costs what it costs for a typical value object.
 */
public final class Message {

    static final int PAYLOAD_BYTES = 100;

    final long id;
    final byte[] payload;

    Message(long id, byte[] payload) {
        this.id = id;
        this.payload = payload;
    }

    /** {@code count} distinct messages with random payloads, ids 0 to count - 1. */
    static Message[] create(int count) {
        Message[] messages = new Message[count];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[PAYLOAD_BYTES];
            random.nextBytes(payload);
            messages[i] = new Message(i, payload);
        }
        return messages;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message message && message.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
