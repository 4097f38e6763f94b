package dev.tessera.platform.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Decides which instance relays. Holding a session-level PostgreSQL advisory lock on a connection
 * of its own makes exactly one replica the relay; if it dies, its connection closes, the lock is
 * released and another replica takes over on its next round. One relay keeps per-aggregate order.
 */
@ApplicationScoped
public class RelayLeadership {

    private static final Logger LOG = Logger.getLogger(RelayLeadership.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    private Connection held;
    private long verifiedAt;

    /** True if this instance holds (or has just taken) the relay lock. */
    public synchronized boolean acquire() {
        try {
            // Re-checking the lock's connection costs a round trip; once a second is plenty, since a
            // dead connection also shows up as a failure of the relay's own statements.
            if (held != null && System.nanoTime() - verifiedAt < 1_000_000_000L) {
                return true;
            }
            if (held != null && held.isValid(2)) {
                verifiedAt = System.nanoTime();
                return true;
            }
            release();
            Connection connection = dataSource.getConnection();
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, config.leaderLockKey());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held = connection;
                        verifiedAt = System.nanoTime();
                        LOG.info("This instance now relays the outbox");
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            LOG.debugf("Outbox relay lock not available: %s", e.getMessage());
            release();
            return false;
        }
    }

    /** Gives the lock up (closing the connection releases it). */
    public synchronized void release() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the relay lock connection failed: %s", e.getMessage());
            }
            held = null;
        }
    }
}
