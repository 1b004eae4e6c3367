package dev.servicemetrics.metrics.boundary;

import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * /mpmetrics on WildFly, which has no MicroProfile Metrics endpoint: the Prometheus text of the
 * SmallRye Metrics that the WildFly WAR bundles, under the names Payara's /mpmetrics gives them, and
 * one scope of them for {@code ?scope=application} as MicroProfile Metrics 5 specifies.
 * Mapped only by the WildFly web.xml; the Payara WAR never loads it.
 */
public class OwnMetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrometheusMetricsExporter exporter = new PrometheusMetricsExporter();
        String scope = request.getParameter("scope");
        String text = scope == null ? exporter.exportAllScopes() : exporter.exportOneScope(scope);
        response.setContentType(exporter.getContentType());
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(text);
    }
}
