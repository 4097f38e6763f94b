package dev.tessera.catalog.index;

import dev.tessera.catalog.config.CatalogConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The catalog's read model: the live index generation, and while a rebuild runs, the generation being
 * built beside it. Writes go to both (so the new generation misses nothing that arrives during the
 * rebuild); searches only ever see the live one, until {@link #swap} replaces it in one step. A file
 * {@code CURRENT} names the live generation's folder and is replaced atomically, so a crash never leaves
 * the service pointing at a half-built index.
 */
@ApplicationScoped
public class CatalogIndex {

    /**
     * Version of the document layout. Raise it whenever fields or analysis change: a service finding an
     * index of another version rebuilds it aside from the topics while the old one keeps answering.
     */
    public static final int FORMAT_VERSION = 3;

    private static final Logger LOG = Logger.getLogger(CatalogIndex.class);

    @Inject
    CatalogConfig config;

    private final Object writeLock = new Object();
    private volatile IndexStore active;
    private volatile IndexStore building;
    private volatile boolean ready;
    private volatile int generation;
    // Reconciliation and rebuilds exclude each other (guarded by writeLock): a reconciliation compares
    // and repairs one generation, and a rebuild would swap it away underneath. A rebuild that is asked for
    // meanwhile waits, and the reconciliation stops at its next step when it sees one waiting.
    private boolean reconciling;
    private volatile int rebuildsWaiting;

    /** The generation searches read; opened on first use. */
    public IndexStore active() {
        IndexStore store = active;
        if (store == null) {
            synchronized (writeLock) {
                if (active == null) {
                    open();
                }
                store = active;
            }
        }
        return store;
    }

    private void open() {
        Path root = config.index().dir().toAbsolutePath();
        try {
            Files.createDirectories(root);
            Path current = root.resolve("CURRENT");
            String name = Files.exists(current)
                    ? Files.readString(current, StandardCharsets.UTF_8).trim()
                    : "gen-1";
            generation = Integer.parseInt(name.substring("gen-".length()));
            active = IndexStore.open(root.resolve(name));
            writeCurrent(root, name);
            LOG.infof("Catalog index generation %d opened in %s", generation, root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the catalog index under " + root, e);
        }
    }

    /** Why the live index must be rebuilt (empty, or written by another layout version), or null. */
    public String staleReason() {
        IndexStore store = active();
        if (store.isEmpty()) {
            return "index empty";
        }
        int format = IndexStore.committedFormat(store.path());
        if (format != -1 && format != FORMAT_VERSION) {
            return "index format " + format + " found, " + FORMAT_VERSION + " expected";
        }
        return null;
    }

    /**
     * Applies a change to the live generation (and the one being rebuilt, if any), then makes it visible
     * to searches and durable. Returns once both hold, so an acknowledged event is never only in memory.
     */
    public void apply(Consumer<IndexStore> change) {
        synchronized (writeLock) {
            IndexStore live = active();
            change.accept(live);
            IndexStore next = building;
            if (next != null) {
                // The rebuild thread projects into it too; each projection reads then writes, so hold it.
                synchronized (next) {
                    change.accept(next);
                }
            }
            live.refresh();
            live.commit(FORMAT_VERSION);
        }
    }

    /**
     * Starts a new generation beside the live one; false if a rebuild is already running. Waits for a
     * running reconciliation to stop first (it stops early once it sees a rebuild waiting).
     */
    public boolean beginRebuild() {
        synchronized (writeLock) {
            if (building != null) {
                return false;
            }
            rebuildsWaiting++;
            try {
                while (reconciling) {
                    writeLock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                rebuildsWaiting--;
            }
            if (building != null) {
                return false;
            }
            active();
            Path dir = config.index().dir().toAbsolutePath().resolve("gen-" + (generation + 1));
            deleteQuietly(dir);
            building = IndexStore.open(dir);
            return true;
        }
    }

    /**
     * Claims the index for a reconciliation; false while another one runs or a rebuild is running or
     * waiting. Every successful call must be followed by {@link #endReconciliation}.
     */
    public boolean beginReconciliation() {
        synchronized (writeLock) {
            if (reconciling || building != null || rebuildsWaiting > 0) {
                return false;
            }
            reconciling = true;
            return true;
        }
    }

    /** Releases the claim of {@link #beginReconciliation}, letting a waiting rebuild begin. */
    public void endReconciliation() {
        synchronized (writeLock) {
            reconciling = false;
            writeLock.notifyAll();
        }
    }

    /** True when a rebuild waits for the running reconciliation, which should then stop. */
    public boolean rebuildWaiting() {
        return rebuildsWaiting > 0;
    }

    /** The generation being built, or null. */
    public IndexStore building() {
        return building;
    }

    /** Makes the rebuilt generation the live one. Searches already running finish on the old one. */
    public void swap() {
        IndexStore old;
        synchronized (writeLock) {
            IndexStore next = building;
            if (next == null) {
                throw new IllegalStateException("no rebuild in progress");
            }
            next.refresh();
            next.commit(FORMAT_VERSION);
            old = active;
            active = next;
            building = null;
            generation++;
            writeCurrent(
                    config.index().dir().toAbsolutePath(),
                    next.path().getFileName().toString());
            ready = true;
        }
        LOG.infof("Catalog index generation %d is live (%d searchable views)", generation, active.viewCount());
        // Searchers borrowed from the old manager keep their reader open until released.
        old.close();
        deleteQuietly(old.path());
    }

    /** Drops a failed rebuild, keeping the live generation. */
    public void abandonRebuild() {
        IndexStore next;
        synchronized (writeLock) {
            next = building;
            building = null;
        }
        if (next != null) {
            next.close();
            deleteQuietly(next.path());
        }
    }

    /** True while a rebuild runs or waits to begin. */
    public boolean isRebuilding() {
        return building != null || rebuildsWaiting > 0;
    }

    /** True once the index reflects the topics: immediately for a usable index, after the rebuild otherwise. */
    public boolean isReady() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }

    public int generation() {
        return generation;
    }

    void close(@Observes ShutdownEvent ignored) {
        synchronized (writeLock) {
            abandonRebuild();
            if (active != null) {
                active.commit(FORMAT_VERSION);
                active.close();
                active = null;
            }
        }
    }

    private static void writeCurrent(Path root, String name) {
        try {
            Path tmp = root.resolve("CURRENT.tmp");
            Files.writeString(tmp, name, StandardCharsets.UTF_8);
            Files.move(
                    tmp, root.resolve("CURRENT"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not delete old index folder %s: %s", dir, e.getMessage());
        }
    }
}
