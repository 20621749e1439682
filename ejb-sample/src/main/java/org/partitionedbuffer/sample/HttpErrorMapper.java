package org.partitionedbuffer.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Every HTTP error the API answers without a body of its own (an unknown path, a missing price, a request without a
 * body) gets the same JSON body as the rest, {@code {"error": "..."}}, instead of the server's HTML page. Errors that
 * carry a body already (see {@link ApiErrors#badRequest}) are sent as they are: JAX-RS maps only those without one.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response response = exception.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        String problem = exception.getCause() instanceof NoContentException
                ? "the request has no body: send a JSON object"
                : exception.getMessage();
        // fromResponse keeps the headers (Allow on a 405, say)
        return Response.fromResponse(response).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", problem))
                .build();
    }
}
