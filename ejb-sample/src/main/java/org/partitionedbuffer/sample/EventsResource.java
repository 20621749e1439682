package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/** Pushes events into the queue buffer; the message-driven bean writes them to the database in batches. */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Resource(lookup = SampleApplication.BUFFERS)
    private BufferConnectionFactory buffers;

    /** One event: {@code {"userId": "u1", "type": "login", "payload": "..."}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response push(Event event) {
        Event stamped = new Event(event.userId(), event.type(), event.payload(),
                event.at() == null ? Instant.now() : event.at());
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(SampleApplication.EVENTS, stamped);
        }
        return Response.accepted(Map.of("accepted", 1)).build();
    }

    /** {@code count} generated events spread over {@code users} users, in one all-or-nothing call. */
    @POST
    @Path("generate")
    public Response generate(@QueryParam("count") @DefaultValue("1000") int count,
                             @QueryParam("users") @DefaultValue("10") int users) {
        List<Event> events = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            events.add(new Event("user-" + (i % users), "generated", "event " + i, now));
        }
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(SampleApplication.EVENTS, events);
        }
        return Response.accepted(Map.of("accepted", count)).build();
    }
}
