package org.partitionedbuffer.sample;

import jakarta.ejb.ApplicationException;

/** An order id already stored. It rolls the transaction back, so the order's event is never published. */
@ApplicationException(rollback = true)
public class DuplicateOrderException extends Exception {

    private static final long serialVersionUID = 1L;

    public DuplicateOrderException(String orderId) {
        super("Order " + orderId + " already exists");
    }
}
