package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Map;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/** Puts prices into the map buffer: many updates of a symbol between two drains reach the database as one row. */
@Path("prices/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
public class PricesResource {

    @Resource(lookup = SampleApplication.BUFFERS)
    private BufferConnectionFactory buffers;

    /**
     * A versioned price: applied only if {@code version} (default: now, in milliseconds) is newer than every version
     * the buffer knows for the symbol.
     */
    @PUT
    public Map<String, Object> put(@PathParam("symbol") String symbol, @QueryParam("price") BigDecimal price,
                                   @QueryParam("version") Long version) {
        if (price == null) {
            throw new jakarta.ws.rs.BadRequestException("Give the price as ?price=12.34");
        }
        long effectiveVersion = version == null ? System.currentTimeMillis() : version;
        try (BufferConnection connection = buffers.getConnection()) {
            boolean applied = connection.putNewer(SampleApplication.PRICES, symbol, price, effectiveVersion);
            return Map.of("symbol", symbol, "version", effectiveVersion, "applied", applied);
        }
    }

    /** The price waiting in the buffer (not yet written to the database). */
    @GET
    @Path("pending")
    public Map<String, Object> pending(@PathParam("symbol") String symbol) {
        try (BufferConnection connection = buffers.getConnection()) {
            Object price = connection.get(SampleApplication.PRICES, symbol)
                    .orElseThrow(() -> new NotFoundException("No pending price for " + symbol));
            return Map.of("symbol", symbol, "price", price);
        }
    }
}
