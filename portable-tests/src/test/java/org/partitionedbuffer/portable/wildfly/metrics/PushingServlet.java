package org.partitionedbuffer.portable.wildfly.metrics;

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
import org.partitionedbuffer.portable.app.Reading;

/**
 * {@code POST /push?buffer=B&from=F&count=N} pushes readings p-F..p-(F+N-1) through the injected factory, for an
 * application that only pushes. Its factory has a name of its own: WildFly 37 registers a
 * {@code @ConnectionFactoryDefinition}'s service under its JNDI name alone, so a second application defining
 * {@code java:app/buffers} (the portable servlet's) fails to deploy with a DuplicateServiceException.
 */
@WebServlet("/push")
@ConnectionFactoryDefinition(name = PushingServlet.FACTORY,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PushingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String FACTORY = "java:app/pushing-buffers";

    @Resource(lookup = FACTORY)
    private BufferConnectionFactory buffers;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int from = Integer.parseInt(request.getParameter("from"));
        int count = Integer.parseInt(request.getParameter("count"));
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(request.getParameter("buffer"),
                    IntStream.range(from, from + count).mapToObj(i -> new Reading("p-" + i, i)).toList());
        }
        response.setContentType("text/plain");
        response.getWriter().print(count);
    }
}
