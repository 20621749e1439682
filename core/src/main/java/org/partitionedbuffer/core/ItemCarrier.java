package org.partitionedbuffer.core;

/**
 * A listener that can use only some items as they are, and converts the others: the resource adapter's, whose
 * application cannot use instances of classes from another class loader (an undeployed deployment's, another
 * application's) and gets copies made through its own. The delivery asks it for every item of a batch before the first
 * attempt with it, on the delivery thread; an item it cannot convert is given up on its own (dead-lettered or dropped,
 * counted, logged) and the rest of the batch is delivered.
 */
public interface ItemCarrier {

    /**
     * {@code item} as this listener can use it: the same object when it already can (the common case, to be answered
     * cheaply).
     *
     * @throws ItemNotCarriedException when it cannot be converted; its message names the item's class and the fix
     */
    Object carry(Object item) throws ItemNotCarriedException;
}
