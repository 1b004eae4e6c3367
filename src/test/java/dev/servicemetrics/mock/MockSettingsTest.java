package dev.servicemetrics.mock;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockSettingsTest {

    @Test
    void defaultsListOnEveryInterfacePort8081Seed42() {
        assertEquals(new MockSettings("0.0.0.0", 8081, 42, 0), MockSettings.from(Map.of(), new Properties()));
    }

    @Test
    void environmentVariablesSetBindPortAndSeed() {
        Map<String, String> env = Map.of("MOCK_SERVICE_BIND", "127.0.0.1", "MOCK_SERVICE_PORT", "9181", "MOCK_SEED", "7",
                "MOCK_START_SECOND", "80");
        assertEquals(new MockSettings("127.0.0.1", 9181, 7, 80), MockSettings.from(env, new Properties()));
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        Properties properties = new Properties();
        properties.setProperty("mock.service.port", "9282");
        assertEquals(9282, MockSettings.from(Map.of("MOCK_SERVICE_PORT", "9181"), properties).port());
    }

    @Test
    void badStartSecondIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"-1", "1m", "3601"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> MockSettings.from(Map.of("MOCK_START_SECOND", bad), new Properties()), bad);
            assertEquals("MOCK_START_SECOND must be a whole number of seconds from 0 to 3600, got '" + bad + "'", error.getMessage());
        }
    }

    @Test
    void badPortIsRefusedNamingTheVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MockSettings.from(Map.of("MOCK_SERVICE_PORT", "80a"), new Properties()));
        assertTrue(error.getMessage().startsWith("MOCK_SERVICE_PORT"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MockSettings.from(Map.of("MOCK_SERVICE_PORT", "70000"), new Properties()));
    }
}
