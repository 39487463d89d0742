package org.messagestore.samples.orders;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /orders/?item=book} sends an order to the queue "orders"; {@code GET /orders/} lists
 * the orders the MDB has taken. The JMSContext is the server's default one, which the server's
 * configuration points at MessageStore.
 */
@WebServlet("/")
public class OrderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/queue/orders")
    private Queue orders;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String item = request.getParameter("item");
        if (item == null || item.isBlank()) {
            response.sendError(400, "say which item: POST /orders/?item=book");
            return;
        }
        jms.createProducer().send(orders, item);
        response.getWriter().println("ordered " + item);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        for (String taken : OrderTaker.taken()) {
            response.getWriter().println(taken);
        }
    }
}
