package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.CassandraSessions;
import io.reelstream.udfs.cassandra.CassandraSettings;

import com.datastax.oss.driver.api.core.CqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * One driver session per distinct {@link CassandraSettings} per JVM (TaskManager), shared by all
 * sink subtasks there and closed when the last one leaves. A session is thread-safe and already
 * multiplexes thousands of requests over its connections; one per subtask would only add
 * connections and I/O threads competing for the same cores.
 */
final class SharedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);

    private static final Map<Map<String, String>, Entry> SESSIONS = new HashMap<>();

    private SharedSessions() {}

    /** A lease on the shared session for {@code options}; close the lease, not the session. */
    public static synchronized Lease acquire(CassandraSettings options) {
        // the key holds the password in memory only; it is never logged
        Map<String, String> key = options.toConfiguration().toMap();
        Entry entry = SESSIONS.get(key);
        if (entry == null) {
            entry = new Entry(CassandraSessions.open(options));
            SESSIONS.put(key, entry);
        }
        entry.leases++;
        LOG.debug("Cassandra session leased ({} leases)", entry.leases);
        return new Lease(key, entry.session);
    }

    private static synchronized void release(Map<String, String> key) {
        Entry entry = SESSIONS.get(key);
        if (entry == null) {
            return;
        }
        entry.leases--;
        if (entry.leases <= 0) {
            SESSIONS.remove(key);
            entry.session.close();
            LOG.debug("Last lease returned, Cassandra session closed");
        }
    }

    /** Number of open shared sessions (for tests). */
    static synchronized int openSessions() {
        return SESSIONS.size();
    }

    /** The right to use a shared session until {@link #close()}. */
    public static final class Lease implements AutoCloseable {
        private final Map<String, String> key;
        private final CqlSession session;
        private boolean closed;

        private Lease(Map<String, String> key, CqlSession session) {
            this.key = key;
            this.session = session;
        }

        public CqlSession session() {
            return session;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(key);
            }
        }
    }

    private static final class Entry {
        private final CqlSession session;
        private int leases;

        private Entry(CqlSession session) {
            this.session = session;
        }
    }
}
