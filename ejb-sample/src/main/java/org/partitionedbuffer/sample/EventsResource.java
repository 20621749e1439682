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

/**
 * Pushes events into the queue buffer; the message-driven bean writes them to the database in batches. A request the
 * API cannot take is a 400 with a JSON body naming the problem: malformed JSON ({@link InvalidJsonMapper}), a missing
 * or blank field ({@link RequiredFields}), a {@code generate} parameter out of its range.
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    /** The most events one {@code generate} call makes. */
    static final int MAX_COUNT = 100_000;
    /** The most users one {@code generate} call spreads its events over. */
    static final int MAX_USERS = 10_000;

    @Resource(lookup = SampleApplication.BUFFERS)
    private BufferConnectionFactory buffers;

    /**
     * One event: {@code {"userId": "u1", "type": "login", "payload": "..."}}; {@code userId} and {@code type} are
     * required, {@code payload} and {@code at} (an ISO-8601 instant, default: now) are not. 202 once it is in the
     * buffer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response push(Event event) {
        if (event == null) {
            throw ApiErrors.badRequest("the request has no body: send a JSON object");
        }
        Event stamped = new Event(event.userId(), event.type(), event.payload(),
                event.at() == null ? Instant.now() : event.at());
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(SampleApplication.EVENTS, stamped);
        }
        return Response.accepted(Map.of("accepted", 1)).build();
    }

    /**
     * {@code count} generated events (1 to 100,000, default 1,000) spread over {@code users} users (1 to 10,000,
     * default 10), in one all-or-nothing call. A value outside its range, or not a whole number, is a 400.
     */
    @POST
    @Path("generate")
    public Response generate(@QueryParam("count") @DefaultValue("1000") String countParameter,
                             @QueryParam("users") @DefaultValue("10") String usersParameter) {
        // Read as text: JAX-RS answers a query parameter that is not a number with a 404, which would mislead.
        int count = ApiErrors.within("count", countParameter, 1, MAX_COUNT);
        int users = ApiErrors.within("users", usersParameter, 1, MAX_USERS);
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
