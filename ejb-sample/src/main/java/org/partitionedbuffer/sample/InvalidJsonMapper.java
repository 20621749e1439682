package org.partitionedbuffer.sample;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not valid JSON, or not the JSON the endpoint takes (a number where text is due, say): a 400
 * with a JSON body saying what JSON-B found, instead of the server's HTML error page. Payara's Jersey reads bodies
 * with JSON-B (Yasson) and reports what Yasson throws ({@link JsonbException}) as a {@link ProcessingException}
 * caused by it.
 */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return ApiErrors.response(Response.Status.BAD_REQUEST, "invalid JSON: " + detail(cause));
            }
        }
        return ApiErrors.response(Response.Status.INTERNAL_SERVER_ERROR, String.valueOf(exception.getMessage()));
    }

    /** The innermost message: what the parser itself said (line and column of a syntax error). */
    private static String detail(Throwable cause) {
        String detail = cause.getMessage();
        for (Throwable inner = cause.getCause(); inner != null; inner = inner.getCause()) {
            if (inner.getMessage() != null) {
                detail = inner.getMessage();
            }
        }
        return detail;
    }
}
