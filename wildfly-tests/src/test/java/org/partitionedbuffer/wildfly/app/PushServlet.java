package org.partitionedbuffer.wildfly.app;

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
import java.util.List;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * {@code POST /push?buffer=B&from=F&count=N} pushes the strings i-F..i-(F+N-1) to buffer B in one call and answers the
 * buffer's size; {@code GET /size?buffer=B} answers the size. A failure answers 500 with the stack trace.
 */
@WebServlet("/*")
@ConnectionFactoryDefinition(name = PushServlet.BUFFERS,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PushServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BUFFERS = "java:app/buffers";

    @Resource(lookup = BUFFERS)
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try (BufferConnection connection = buffers.getConnection()) {
            if ("/size".equals(request.getPathInfo())) {
                response.getWriter().print(connection.size(request.getParameter("buffer")));
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (RuntimeException e) {
            fail(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (!"/push".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (BufferConnection connection = buffers.getConnection()) {
            String buffer = request.getParameter("buffer");
            int from = Integer.parseInt(request.getParameter("from"));
            int count = Integer.parseInt(request.getParameter("count"));
            List<String> items = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                items.add("i-" + i);
            }
            connection.pushAll(buffer, items);
            response.getWriter().print(connection.size(buffer));
        } catch (RuntimeException e) {
            fail(response, e);
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
