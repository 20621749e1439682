package org.partitionedbuffer.sample;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * Checks every request body, before the resource method sees it. An empty body is a 400 before JSON-B reads it
 * ({@code {"error":"the request has no body: send a JSON object"}}): JAX-RS implementations disagree on what reading
 * nothing gives (Jersey: a {@code NoContentException}; RESTEasy: {@code null}, or on Open Liberty a JSON-B parse
 * error). Once JSON-B has read it, an {@link Event} needs a {@code userId} and a {@code type}, an {@link Order} an
 * {@code orderId}, a {@code userId} and an {@code amount}. A field missing or blank is a 400 with a JSON body naming it
 * ({@code {"error":"field 'userId' is missing"}}), rather than an event accepted and refused later by the database.
 * Only presence is checked: a type longer than the database column passes, and is the sample's way to produce a row
 * the database refuses (see {@link EventWriter}). Malformed JSON never gets past the read: {@link InvalidJsonMapper}
 * answers it.
 */
@Provider
public class RequiredFields implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() == Event.class || context.getType() == Order.class) {
            PushbackInputStream body = new PushbackInputStream(context.getInputStream(), 1);
            int first = body.read();
            if (first == -1) {
                throw ApiErrors.badRequest("the request has no body: send a JSON object");
            }
            body.unread(first);
            context.setInputStream(body);
        }
        Object body = context.proceed();
        if (body instanceof Event event) {
            ApiErrors.required("userId", event.userId());
            ApiErrors.required("type", event.type());
        } else if (body instanceof Order order) {
            ApiErrors.required("orderId", order.orderId());
            ApiErrors.required("userId", order.userId());
            if (order.amount() == null) {
                throw ApiErrors.badRequest("field 'amount' is missing");
            }
        }
        return body;
    }
}
