package org.partitionedbuffer.sample;

import java.math.BigDecimal;

/** An order, as the orders endpoint receives it: {@code {"orderId": "o-1", "userId": "u1", "amount": 12.50}}. */
public record Order(String orderId, String userId, BigDecimal amount) {
}
