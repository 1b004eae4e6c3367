package dev.servicemetrics.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.servicemetrics.testsupport.StackExtension.Component;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link StackExtension} on a test class of its own, run through the JUnit Launcher, whose service cannot start
 * (the microbundle it is told to run does not exist, so no process is spawned): the class fails, and the mock
 * exporter started before the service is stopped after it.
 */
class StackExtensionTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aComponentThatFailsToStartFailsTheClassAndTheOnesStartedBeforeItAreClosed() throws Exception {
        String previous = System.getProperty("microbundle");
        System.setProperty("microbundle", "target/no-such-microbundle.jar");
        TestExecutionSummary summary;
        try {
            summary = run(ServiceCannotStart.class);
        } finally {
            if (previous == null) {
                System.clearProperty("microbundle");
            } else {
                System.setProperty("microbundle", previous);
            }
        }

        assertEquals(1, summary.getContainersFailedCount(), "the class fails in its BeforeAll");
        assertEquals(0, summary.getTestsStartedCount(), "no test runs on half a stack");
        Throwable cause = summary.getFailures().get(0).getException();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("no-such-microbundle.jar is missing"), cause.getMessage());
        URI exporter = ServiceCannotStart.exporterUri;
        assertNotNull(exporter, "the exporter started before the service");
        assertEquals(200, ServiceCannotStart.exporterStatusAfterAll, "still serving in the class's own after-all callback");
        assertThrows(ConnectException.class, () -> get(exporter), "the exporter is stopped after the class");
    }

    @Test
    void aStackThatStartedIsServedToTheTestAndClosedAfterTheClass() throws Exception {
        TestExecutionSummary summary = run(ExporterOnly.class);

        assertEquals(1, summary.getTestsSucceededCount(), summary.getFailures().toString());
        assertThrows(ConnectException.class, () -> get(ExporterOnly.exporterUri), "the exporter is stopped after the class");
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri.resolve("/-/healthy")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Run only through {@link #run}: surefire leaves nested classes out. */
    static class ServiceCannotStart {

        @RegisterExtension
        static final StackExtension stack = StackExtension.of(Component.SERVICE, Component.MOCK_EXPORTER).named("stack-extension-test");

        static URI exporterUri;
        static int exporterStatusAfterAll;

        @Test
        void neverRuns() {
            throw new AssertionError("a test ran on half a stack");
        }

        /** Runs although the stack failed to start (unlike an @AfterAll method), before the store closes the stack. */
        @RegisterExtension
        static final AfterAllCallback seeTheExporter = context -> {
            exporterUri = stack.exporter().uri();
            exporterStatusAfterAll = get(exporterUri);
        };
    }

    static class ExporterOnly {

        @RegisterExtension
        static final StackExtension stack = StackExtension.of(Component.MOCK_EXPORTER);

        static URI exporterUri;

        @Test
        void theExporterServes() throws Exception {
            exporterUri = stack.exporter().uri();
            assertEquals(200, get(exporterUri));
        }
    }
}
