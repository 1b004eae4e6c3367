package dev.servicemetrics.live;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Gives every connection of an endpoint one instance of it, created and injected once. The endpoints keep
 * no state of their own (a connection's state is its {@link Dashboard}), so one serves them all, where the
 * container's default makes a CDI-injected instance per connection and holds it, with what CDI keeps for
 * it, for as long as the connection stays open (~0.7 KB per dashboard on Payara Micro).
 */
public class SharedEndpoint extends ServerEndpointConfig.Configurator {

    private final Function<Class<?>, Object> create;
    private final ConcurrentMap<Class<?>, Object> instances = new ConcurrentHashMap<>();

    public SharedEndpoint() {
        this(SharedEndpoint::injected);
    }

    SharedEndpoint(Function<Class<?>, Object> create) {
        this.create = create;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(instances.computeIfAbsent(endpointClass, create));
    }

    private static Object injected(Class<?> endpointClass) {
        return new Unmanaged<>(endpointClass).newInstance().produce().inject().postConstruct().get();
    }
}
