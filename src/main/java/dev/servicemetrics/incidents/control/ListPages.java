package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentPage;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.RenderedIncident;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whole list pages, each kept with the PostgreSQL snapshot it was read in ({@code pg_current_snapshot()}: which
 * transactions had committed). While the database's current snapshot is still that one, no transaction has
 * committed or rolled back since — on this replica, another one, or in psql — so the kept page is exactly what
 * reading it again would give, and it is answered for one statement instead of the page's own. A page is kept
 * only when the snapshot did not move while it was read. H2 has no such snapshot: there every page is read.
 * Bounded in entries and bytes; the least recently answered go first.
 */
@ApplicationScoped
public class ListPages {

    private static final Logger LOG = Logger.getLogger(ListPages.class.getName());
    static final int MAX_PAGES = 256;
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final String SNAPSHOT = "SELECT pg_current_snapshot()::text";
    private static final String UNDEFINED_FUNCTION = "42883";

    /** What identifies a page: everything the request chose. */
    public record Key(IncidentFilter filter, IncidentSort sort, Optional<Cursor> after, int limit) {
    }

    private record Kept(String snapshot, IncidentPage page, long bytes) {
    }

    private final Map<Key, Kept> pages = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private volatile Boolean snapshots;

    /** The database's current snapshot, or empty where there is none to compare (H2). */
    Optional<String> snapshot(Connection connection) throws SQLException {
        Boolean supported = snapshots;
        if (supported == null) {
            supported = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            snapshots = supported;
            if (supported) {
                LOG.info("List pages are kept while PostgreSQL's snapshot does not change");
            }
        }
        if (!supported) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement(SNAPSHOT); ResultSet row = select.executeQuery()) {
            row.next();
            return Optional.of(row.getString(1));
        } catch (SQLException failed) {
            if (!UNDEFINED_FUNCTION.equals(failed.getSQLState())) {
                throw failed;
            }
            snapshots = false;
            LOG.warning("This PostgreSQL has no pg_current_snapshot() (version 13 and later have it): every list page is read");
            return Optional.empty();
        }
    }

    synchronized Optional<IncidentPage> kept(Key key, String snapshot) {
        Kept kept = pages.get(key);
        if (kept == null) {
            return Optional.empty();
        }
        if (!kept.snapshot().equals(snapshot)) {
            pages.remove(key);
            bytes -= kept.bytes();
            return Optional.empty();
        }
        return Optional.of(kept.page());
    }

    synchronized void keep(Key key, String snapshot, IncidentPage page) {
        long size = itemBytes(page.items());
        Kept previous = pages.put(key, new Kept(snapshot, page, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        Iterator<Kept> eldest = pages.values().iterator();
        while ((pages.size() > MAX_PAGES || bytes > MAX_BYTES) && eldest.hasNext()) {
            bytes -= eldest.next().bytes();
            eldest.remove();
        }
    }

    synchronized int size() {
        return pages.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private static long itemBytes(Iterable<RenderedIncident> items) {
        long size = 0;
        for (RenderedIncident item : items) {
            size += item.json().length;
        }
        return size;
    }
}
