package org.partitionedbuffer.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The REST API's error responses: the status and a JSON body naming the problem, {@code {"error": "..."}}. */
final class ApiErrors {

    private ApiErrors() {
    }

    static Response response(Response.StatusType status, String problem) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", problem)).build();
    }

    /** A 400 Bad Request to throw: its JSON body is the response as it is (no exception mapper rewrites it). */
    static WebApplicationException badRequest(String problem) {
        return new WebApplicationException(problem, response(Response.Status.BAD_REQUEST, problem));
    }

    /** A required text field of a request body: present and not blank, or a 400. */
    static void required(String field, String value) {
        if (value == null) {
            throw badRequest("field '" + field + "' is missing");
        }
        if (value.isBlank()) {
            throw badRequest("field '" + field + "' is blank");
        }
    }

    /** A whole-number query parameter within {@code [min, max]}, or a 400 that gives the range. */
    static int within(String parameter, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the same answer as a number out of range
        }
        throw badRequest("'" + parameter + "' must be a whole number from " + min + " to " + max + ", not '" + value
                + "'");
    }
}
