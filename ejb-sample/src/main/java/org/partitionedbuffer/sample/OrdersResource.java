package org.partitionedbuffer.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Places orders; each placed order publishes one "order-placed" event, and a refused one publishes none. */
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    private Orders orders;

    /** One order: {@code {"orderId": "o-1", "userId": "u1", "amount": 12.50}}; 409 when its id exists already. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(Order order) {
        try {
            orders.place(order);
            return Response.status(Response.Status.CREATED).entity(Map.of("placed", order.orderId())).build();
        } catch (DuplicateOrderException e) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
