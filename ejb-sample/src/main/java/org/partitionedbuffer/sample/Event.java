package org.partitionedbuffer.sample;

import java.time.Instant;

/** Something a user did, as the events endpoint receives it. */
public record Event(String userId, String type, String payload, Instant at) {
}
