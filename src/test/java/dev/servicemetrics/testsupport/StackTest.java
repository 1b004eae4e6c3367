package dev.servicemetrics.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Stack} with fake components that only record their closing: no process is started. */
class StackTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable component(String name) {
        return () -> closed.add(name);
    }

    @Test
    void closesWhatStartedInReverseOrder() {
        Stack stack = new Stack();
        stack.start(() -> component("exporter"));
        stack.start(() -> component("prometheus"));
        stack.start(() -> component("service"));

        stack.close();

        assertEquals(List.of("service", "prometheus", "exporter"), closed);
    }

    @Test
    void aStartThatThrowsLeavesTheEarlierOnesToBeClosedInReverseOrder() {
        Stack stack = new Stack();
        stack.start(() -> component("exporter"));
        stack.start(() -> component("prometheus"));
        IllegalStateException failed = new IllegalStateException("service did not become live");

        assertSame(failed, assertThrows(IllegalStateException.class, () -> stack.start(() -> {
            throw failed;
        })));
        stack.close();

        assertEquals(List.of("prometheus", "exporter"), closed);
    }

    @Test
    void aCloseThatThrowsDoesNotKeepTheOthersRunningAndIsReported() {
        Stack stack = new Stack();
        stack.start(() -> component("exporter"));
        stack.start(() -> () -> {
            throw new IllegalStateException("prometheus survived SIGTERM");
        });
        stack.start(() -> component("service"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, stack::close);

        assertEquals("prometheus survived SIGTERM", thrown.getMessage());
        assertEquals(List.of("service", "exporter"), closed);
    }

    @Test
    void closingTwiceClosesNothingTwice() {
        Stack stack = new Stack();
        stack.start(() -> component("postgres"));

        stack.close();
        stack.close();

        assertEquals(List.of("postgres"), closed);
    }
}
