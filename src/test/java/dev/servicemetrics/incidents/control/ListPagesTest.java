package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentPage;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.RenderedIncident;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListPagesTest {

    final ListPages pages = new ListPages();

    @Test
    void aPageIsAnsweredOnlyWhileTheSnapshotItWasReadInIsTheCurrentOne() {
        IncidentPage page = page(1, 10);
        pages.keep(key(50), "100:100:", page);

        assertSame(page, pages.kept(key(50), "100:100:").orElseThrow());
        assertEquals(Optional.empty(), pages.kept(key(20), "100:100:"), "another request is another page");
        assertEquals(Optional.empty(), pages.kept(key(50), "100:101:"), "a transaction ended since");
        assertEquals(Optional.empty(), pages.kept(key(50), "100:100:"), "and the page is gone for good");
        assertEquals(0, pages.size());
        assertEquals(0, pages.bytes());
    }

    @Test
    void pastItsPagesTheLeastRecentlyAnsweredGo() {
        for (int limit = 1; limit <= ListPages.MAX_PAGES; limit++) {
            pages.keep(key(limit), "1:1:", page(limit, 10));
        }
        pages.kept(key(1), "1:1:").orElseThrow();
        pages.keep(key(ListPages.MAX_PAGES + 1), "1:1:", page(0, 10));

        assertEquals(ListPages.MAX_PAGES, pages.size());
        assertEquals(Optional.empty(), pages.kept(key(2), "1:1:"), "the least recently answered went");
        assertEquals(1, pages.kept(key(1), "1:1:").orElseThrow().items().get(0).id());
    }

    @Test
    void pastItsBytesTheLeastRecentlyAnsweredGo() {
        int third = (int) (ListPages.MAX_BYTES / 3) + 1;
        pages.keep(key(1), "1:1:", page(1, third));
        pages.keep(key(2), "1:1:", page(2, third));
        pages.keep(key(3), "1:1:", page(3, third));

        assertEquals(2, pages.size());
        assertEquals(2L * third, pages.bytes());
        assertEquals(Optional.empty(), pages.kept(key(1), "1:1:"));
    }

    @Test
    void onPostgresqlTheSnapshotIsTheDatabasesCurrentOne() throws SQLException {
        assertEquals(Optional.of("751:753:751"), pages.snapshot(database("PostgreSQL", null, new AtomicInteger())));
    }

    @Test
    void anotherDatabaseHasNoSnapshotAndIsNotAsked() throws SQLException {
        AtomicInteger asked = new AtomicInteger();
        assertEquals(Optional.empty(), pages.snapshot(database("H2", null, asked)));
        assertEquals(0, asked.get());
    }

    @Test
    void aPostgresqlWithoutTheFunctionIsAskedOnceAndThenEveryPageIsRead() throws SQLException {
        AtomicInteger asked = new AtomicInteger();
        Connection old = database("PostgreSQL", new SQLException("function pg_current_snapshot() does not exist", "42883"), asked);
        assertEquals(Optional.empty(), pages.snapshot(old));
        assertEquals(Optional.empty(), pages.snapshot(old));
        assertEquals(1, asked.get());
    }

    @Test
    void aDatabaseThatFailsOtherwiseFailsTheRequest() {
        Connection gone = database("PostgreSQL", new SQLException("An I/O error occurred", "08006"), new AtomicInteger());
        assertEquals("08006", assertThrows(SQLException.class, () -> pages.snapshot(gone)).getSQLState());
    }

    static ListPages.Key key(int limit) {
        return new ListPages.Key(IncidentFilter.all(), IncidentSort.DEFAULT, Optional.empty(), limit);
    }

    static IncidentPage page(long id, int bytes) {
        return new IncidentPage(List.of(new RenderedIncident(id, 1, new byte[bytes])), IncidentPage.Total.exactly(1), 50,
                IncidentSort.DEFAULT, Optional.empty());
    }

    /** A connection to a database of that name whose snapshot statement answers "751:753:751" or fails. */
    static Connection database(String product, SQLException failure, AtomicInteger asked) {
        ResultSet row = proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> true;
            case "getString" -> "751:753:751";
            default -> null;
        });
        PreparedStatement select = proxy(PreparedStatement.class, (method, args) -> {
            if (method.equals("executeQuery")) {
                asked.incrementAndGet();
                if (failure != null) {
                    throw failure;
                }
                return row;
            }
            return null;
        });
        DatabaseMetaData metaData = proxy(DatabaseMetaData.class, (method, args) -> method.equals("getDatabaseProductName") ? product : null);
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "getMetaData" -> metaData;
            case "prepareStatement" -> select;
            default -> null;
        });
    }

    interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(ListPagesTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
