package org.partitionedbuffer.api;

import java.io.Serializable;

/**
 * Why an item reached a dead-letter buffer: where it was given up, after how many attempts, and the failure, as text
 * (its class may belong to an application the dead-letter bean cannot see). A dead-letter bean reads it with
 * {@link Batch#deadLetterOf(int)}; the items themselves are the original ones.
 *
 * @param buffer           the buffer that gave the item up
 * @param partition        its partition there
 * @param attempts         how many times it was delivered there before it was given up
 * @param causeClassName   the class of the failure it was given up for
 * @param causeMessage     that failure's message, or null
 * @param systemTimeMillis when it was given up
 */
public record DeadLetter(String buffer, int partition, int attempts, String causeClassName, String causeMessage,
                         long systemTimeMillis) implements Serializable {

    /** The failure in one line: {@code java.sql.SQLDataException: Value too long for column ...}. */
    public String cause() {
        return causeMessage == null ? causeClassName : causeClassName + ": " + causeMessage;
    }
}
