package dev.servicemetrics.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The container's error page (see web.xml): what the servlet container itself rejects (unknown path,
 * wrong method on a servlet, an uncaught exception) is answered as problem+json too, never HTML.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path == null) {
            path = request.getRequestURI();
        }
        Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Problem problem;
        if (status >= 500 || thrown != null) {
            problem = Problem.internalError(Math.max(status, 500), path, thrown, LOG);
        } else {
            String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            String detail = status == 404 ? "No resource at this path"
                    : status == 405 ? "Method " + request.getMethod() + " is not allowed here"
                    : message == null || message.isBlank() ? Problem.titleOf(status) : message;
            String logged = path;
            LOG.info(() -> status + " " + logged + ": " + detail);
            problem = new Problem(status, detail, path);
        }
        problem.writeTo(response, !"HEAD".equals(request.getMethod()));
    }
}
