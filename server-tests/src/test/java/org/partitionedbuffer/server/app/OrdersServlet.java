package org.partitionedbuffer.server.app;

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
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * The test's handle on the application, plain text over HTTP:
 * {@code POST /orders/push?from=F&count=N&customers=C} pushes orders o-F..o-(F+N-1) in one all-or-nothing call;
 * {@code GET /orders/loader} tells this deployment's class loader identity;
 * {@code POST /orders/flush} asks the buffer to process every partition now (its MBean's flush());
 * {@code GET /orders/buffer} tells the buffer's MBean attributes {@link #ATTRIBUTES}, one {@code Name=value} a line
 * (read from the platform MBean server: the application runs in the server's JVM).
 * A failure answers 500 with the stack trace, so the test report shows why a push was refused.
 */
@WebServlet("/orders/*")
@ConnectionFactoryDefinition(name = OrdersServlet.BUFFERS,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class OrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BUFFERS = "java:app/buffers";
    /** The attributes of the buffer's MBean that {@code GET /orders/buffer} reports. */
    static final List<String> ATTRIBUTES = List.of("ProcessingIntervalMs", "Size", "Inserted", "Processed",
            "Failures");

    @Resource(lookup = BUFFERS)
    private BufferConnectionFactory buffers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/loader" -> response.getWriter().print(DeliveryLog.identity(Order.class.getClassLoader()));
                case "/buffer" -> {
                    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                    ObjectName name = bufferMBean();
                    for (String attribute : ATTRIBUTES) {
                        response.getWriter().print(attribute + "=" + server.getAttribute(name, attribute) + "\n");
                    }
                }
                default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (Exception e) {
            fail(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/push" -> response.getWriter().print(push(Integer.parseInt(request.getParameter("from")),
                        Integer.parseInt(request.getParameter("count")),
                        Integer.parseInt(request.getParameter("customers"))));
                case "/flush" -> {
                    ManagementFactory.getPlatformMBeanServer().invoke(bufferMBean(), "flush", new Object[0],
                            new String[0]);
                    response.getWriter().print("flushed");
                }
                default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (Exception e) {
            fail(response, e);
        }
    }

    private static ObjectName bufferMBean() throws MalformedObjectNameException {
        return new ObjectName("org.partitionedbuffer:type=Buffer,name=" + OrdersBean.BUFFER);
    }

    /** 500 with the stack trace, so the test report shows why a call was refused. */
    public static void fail(HttpServletResponse response, Exception e) throws IOException {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        response.resetBuffer();
        response.setContentType("text/plain");
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.getWriter().print(trace);
    }

    private long push(int from, int count, int customers) {
        return push(buffers, from, count, customers);
    }

    /** Pushes orders o-from..o-(from+count-1) in one all-or-nothing call; returns the buffer's size after it. */
    public static long push(BufferConnectionFactory buffers, int from, int count, int customers) {
        List<Order> orders = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            orders.add(new Order("o-" + i, "c-" + (i % customers)));
        }
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(OrdersBean.BUFFER, orders);
            return connection.size(OrdersBean.BUFFER);
        }
    }
}
