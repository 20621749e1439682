package org.partitionedbuffer.it.twoapps.second;

import jakarta.annotation.Resource;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * GET /push?count=N[&amp;buffer=B] pushes N items into B (by default the second application's buffer), from one of
 * this application's request threads.
 */
@WebServlet("/push")
@ConnectionFactoryDefinition(
        name = "java:app/second-buffers",
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PushServlet extends HttpServlet {

    @Resource(lookup = "java:app/second-buffers")
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int count = Integer.parseInt(request.getParameter("count"));
        String buffer = request.getParameter("buffer") != null ? request.getParameter("buffer") : SecondBean.BUFFER;
        try (BufferConnection connection = buffers.getConnection()) {
            for (int i = 0; i < count; i++) {
                connection.push(buffer, "second-" + i);
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.getWriter().print(count);
    }
}
