package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmptyBodyAsJsonTest {

    @Test
    void aRequestWithoutBodyOrTypeIsGivenJson() {
        assertEquals("application/json", typeAfterFilter(Map.of("Content-Length", "0")));
        assertEquals("application/json", typeAfterFilter(Map.of()));
    }

    @Test
    void aBodyOrATypeIsLeftAsItCame() {
        assertNull(typeAfterFilter(Map.of("Content-Length", "12")), "a body of unknown type stays a 415");
        assertNull(typeAfterFilter(Map.of("Transfer-Encoding", "chunked")));
        assertEquals("text/plain", typeAfterFilter(Map.of("Content-Length", "0", "Content-Type", "text/plain")));
    }

    /** The request's Content-Type after the filter ran on a request with these headers. */
    static String typeAfterFilter(Map<String, String> headers) {
        MultivaluedMap<String, String> all = new MultivaluedHashMap<>();
        headers.forEach(all::putSingle);
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                EmptyBodyAsJsonTest.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getHeaders" -> all;
                    case "getHeaderString" -> all.getFirst((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        new EmptyBodyAsJson().filter(request);
        return all.getFirst("Content-Type");
    }
}
