package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SharedEndpointTest {

    @Test
    void everyConnectionOfAnEndpointGetsTheOneInstanceCreatedOnceEvenWhenTheyOpenTogether() throws Exception {
        AtomicInteger created = new AtomicInteger();
        SharedEndpoint configurator = new SharedEndpoint(type -> {
            created.incrementAndGet();
            return type == ChannelSocket.class ? new ChannelSocket() : new MetricsSocket();
        });
        ExecutorService connecting = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<ChannelSocket>> handshakes = IntStream.range(0, 64).mapToObj(i -> connecting.submit(() -> {
                together.await();
                return configurator.getEndpointInstance(ChannelSocket.class);
            })).toList();
            together.countDown();
            var instances = ConcurrentHashMap.<ChannelSocket>newKeySet();
            for (Future<ChannelSocket> handshake : handshakes) {
                instances.add(handshake.get());
            }
            assertEquals(1, instances.size());
            assertEquals(1, created.get(), "created once");
            MetricsSocket seed = configurator.getEndpointInstance(MetricsSocket.class);
            assertSame(seed, configurator.getEndpointInstance(MetricsSocket.class));
            assertNotSame(instances.iterator().next(), seed);
            assertEquals(2, created.get(), "one per endpoint class");
        } finally {
            connecting.shutdownNow();
        }
    }
}
