package dev.servicemetrics.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeNoticeTest {

    @Test
    void payloadIsSmallAndReadsBack() {
        ChangeNotice notice = new ChangeNotice(123456789L, 42, "updated");
        String payload = notice.payload();
        assertTrue(payload.length() < 100, payload);
        assertEquals(Optional.of(notice), ChangeNotice.parse(payload));
    }

    @Test
    void foreignPayloadIsIgnored() {
        assertEquals(Optional.empty(), ChangeNotice.parse("hello"));
        assertEquals(Optional.empty(), ChangeNotice.parse("{\"id\":1}"));
        assertEquals(Optional.empty(), ChangeNotice.parse("{\"id\":\"x\",\"version\":1,\"change\":\"created\"}"));
        assertEquals(Optional.empty(), ChangeNotice.parse("[]"));
    }
}
