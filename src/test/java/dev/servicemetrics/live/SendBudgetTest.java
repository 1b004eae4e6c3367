package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendBudgetTest {

    @Test
    void overTheCapAWriterWaitsUntilOthersRelease() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        List<String> retried = new ArrayList<>();
        assertTrue(budget.take(60, () -> retried.add("a")));
        assertTrue(budget.take(40, () -> retried.add("b")));
        assertFalse(budget.take(10, () -> retried.add("c")));
        assertEquals(List.of(), retried);
        budget.release(60);
        assertEquals(List.of("c"), retried);
        assertEquals(40, budget.used());
    }

    @Test
    void aMessageLargerThanTheCapStillGoesAlone() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        assertTrue(budget.take(500, () -> { }));
        assertFalse(budget.take(1, () -> { }));
        budget.release(500);
        assertEquals(0, budget.used());
    }
}
