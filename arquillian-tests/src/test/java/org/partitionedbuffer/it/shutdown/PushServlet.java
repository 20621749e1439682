package org.partitionedbuffer.it.shutdown;

import jakarta.annotation.Resource;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.IntStream;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/** {@code GET /push?buffer=b&count=n} pushes items "0".."n-1" one by one and answers with the buffer's size. */
@WebServlet("/push")
@ConnectionFactoryDefinition(name = "java:app/buffers",
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PushServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/buffers")
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String buffer = request.getParameter("buffer");
        int count = Integer.parseInt(request.getParameter("count"));
        try (BufferConnection connection = buffers.getConnection()) {
            IntStream.range(0, count).forEach(i -> connection.push(buffer, Integer.toString(i)));
            response.getWriter().print(connection.size(buffer));
        }
    }
}
