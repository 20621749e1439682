package org.partitionedbuffer.server.app.pooled;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.server.app.OrdersServlet;

/**
 * Pushes through the connection factory of an asadmin-created connector pool and resource ({@link #RESOURCE}), which
 * must exist before this servlet's application deploys (Payara checks the {@code @Resource} look-up at deployment):
 * {@code POST /pooled/injected?from=F&count=N&customers=C} with the factory injected when the servlet was first used,
 * {@code POST /pooled/looked-up?...} with a factory looked up in JNDI for this call. A failure answers 500 with the
 * stack trace. Packaged only in the WAR of the test that creates the pool.
 */
@WebServlet("/pooled/*")
public class PooledOrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The JNDI name the test gives the connector resource. */
    public static final String RESOURCE = "jca/orders";

    @Resource(lookup = RESOURCE)
    private BufferConnectionFactory injected;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            BufferConnectionFactory factory = switch (String.valueOf(request.getPathInfo())) {
                case "/injected" -> injected;
                case "/looked-up" -> (BufferConnectionFactory) new InitialContext().lookup(RESOURCE);
                default -> null;
            };
            if (factory == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.getWriter().print(OrdersServlet.push(factory, Integer.parseInt(request.getParameter("from")),
                    Integer.parseInt(request.getParameter("count")),
                    Integer.parseInt(request.getParameter("customers"))));
        } catch (Exception e) {
            OrdersServlet.fail(response, e);
        }
    }
}
