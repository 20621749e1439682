package org.partitionedbuffer.it.bad;

import jakarta.annotation.Resource;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * {@code /push?prefix=p&count=n} pushes p-0 .. p-(n-1) to it-good and answers the buffer's size;
 * {@code /delivered} lists what {@link GoodBean} received, one item a line; {@code /buffers} lists the buffers that
 * have an MBean, one name a line.
 */
@WebServlet(urlPatterns = {"/push", "/delivered", "/buffers"})
@ConnectionFactoryDefinition(name = "java:app/buffers",
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class GoodServlet extends HttpServlet {

    @Resource(lookup = "java:app/buffers")
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getServletPath().equals("/push")) {
            String prefix = request.getParameter("prefix");
            List<String> items = IntStream.range(0, Integer.parseInt(request.getParameter("count")))
                    .mapToObj(i -> prefix + "-" + i).toList();
            try (BufferConnection connection = buffers.getConnection()) {
                connection.pushAll("it-good", items);
                response.getWriter().print(connection.size("it-good"));
            }
        } else if (request.getServletPath().equals("/buffers")) {
            try {
                response.getWriter().print(ManagementFactory.getPlatformMBeanServer()
                        .queryNames(new ObjectName("org.partitionedbuffer:type=Buffer,*"), null).stream()
                        .map(name -> name.getKeyProperty("name")).sorted().collect(Collectors.joining("\n")));
            } catch (MalformedObjectNameException e) {
                throw new IllegalStateException(e);
            }
        } else {
            response.getWriter().print(GoodBean.DELIVERED.stream().map(String::valueOf)
                    .collect(Collectors.joining("\n")));
        }
    }
}
