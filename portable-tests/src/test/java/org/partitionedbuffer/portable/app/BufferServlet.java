package org.partitionedbuffer.portable.app;

import jakarta.annotation.Resource;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;

/**
 * The test's door into the application, through the injected factory:
 * <ul>
 * <li>{@code POST /push?buffer=B&from=F&count=N[&prefix=P]}: pushes readings P-F..P-(F+N-1) (prefix {@code i}) in one
 * call; answers the buffer's size.</li>
 * <li>{@code POST /put?buffer=B&keys=K&rounds=R}: R rounds of {@code putAll} of keys k-0..k-(K-1), round r writing
 * reading {@code r-<key>}; answers the size.</li>
 * <li>{@code POST /interval?buffer=B&ms=M}: changes the buffer's processingIntervalMs at run time.</li>
 * <li>{@code GET /size?buffer=B}, {@code GET /partitions?buffer=B}.</li>
 * </ul>
 * A failure answers 500 with the stack trace.
 */
@WebServlet("/*")
@ConnectionFactoryDefinition(name = BufferServlet.BUFFERS,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class BufferServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BUFFERS = "java:app/buffers";

    @Resource(lookup = BUFFERS)
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        String buffer = request.getParameter("buffer");
        try (BufferConnection connection = buffers.getConnection()) {
            switch (String.valueOf(request.getPathInfo())) {
                case "/size" -> response.getWriter().print(connection.size(buffer));
                case "/partitions" -> response.getWriter().print(BufferMonitoring.buffer(buffer)
                        .map(BufferView::partitions).map(String::valueOf).orElse("no buffer " + buffer));
                default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (RuntimeException e) {
            fail(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        String buffer = request.getParameter("buffer");
        try (BufferConnection connection = buffers.getConnection()) {
            switch (String.valueOf(request.getPathInfo())) {
                case "/push" -> connection.pushAll(buffer, readings(request));
                case "/put" -> put(connection, buffer, Integer.parseInt(request.getParameter("keys")),
                        Integer.parseInt(request.getParameter("rounds")));
                case "/interval" -> connection.updateOptions(buffer,
                        Map.of("processingIntervalMs", request.getParameter("ms")));
                default -> {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            }
            response.getWriter().print(connection.size(buffer));
        } catch (RuntimeException e) {
            fail(response, e);
        }
    }

    private static List<Reading> readings(HttpServletRequest request) {
        String prefix = request.getParameter("prefix") == null ? "i" : request.getParameter("prefix");
        int from = Integer.parseInt(request.getParameter("from"));
        int count = Integer.parseInt(request.getParameter("count"));
        List<Reading> readings = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            readings.add(new Reading(prefix + "-" + i, i));
        }
        return readings;
    }

    private static void put(BufferConnection connection, String buffer, int keys, int rounds) {
        for (int round = 0; round < rounds; round++) {
            Map<String, Reading> entries = new LinkedHashMap<>();
            for (int key = 0; key < keys; key++) {
                entries.put("k-" + key, new Reading(round + "-k-" + key, round));
            }
            connection.putAll(buffer, entries);
        }
    }

    private static void fail(HttpServletResponse response, Exception e) throws IOException {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.getWriter().print(trace);
    }
}
