package org.partitionedbuffer.sample;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body that is not valid JSON, or not the JSON the endpoint takes (a number where text is due, say): a 400
 * with a JSON body saying what JSON-B found, instead of the server's HTML error page; and any other failure a JSON 500.
 *
 * <p>Each JAX-RS implementation wraps what JSON-B (Yasson) throws ({@link JsonbException}) its own way: Jersey (Payara,
 * GlassFish) in a {@link ProcessingException}; RESTEasy (WildFly, Open Liberty) in a {@code ProcessingException} inside
 * its own {@code ReaderException}, which is no {@link WebApplicationException}. So this maps every
 * {@link RuntimeException} that is not a {@code WebApplicationException} (those {@link HttpErrorMapper} answers) and
 * looks along its causes. A mapper of {@code RuntimeException} is also closer than a server's catch-all for
 * {@link Throwable} (Open Liberty's MicroProfile Metrics adds one), which would answer a 500 with no body. An empty
 * body never gets here: {@link RequiredFields} answers it before it is read.
 */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(InvalidJsonMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return ApiErrors.response(Response.Status.BAD_REQUEST, "invalid JSON: " + detail(cause));
            }
            if (cause instanceof NoContentException) {
                return ApiErrors.response(Response.Status.BAD_REQUEST, "the request has no body: send a JSON object");
            }
            if (cause instanceof WebApplicationException wrapped) {
                return new HttpErrorMapper().toResponse(wrapped);
            }
        }
        // A mapped exception is not logged by the server: this one is a failure of the sample, so log it here.
        LOG.log(Level.WARNING, "Request failed", exception);
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
