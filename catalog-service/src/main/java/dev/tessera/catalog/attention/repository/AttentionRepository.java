package dev.tessera.catalog.attention.repository;

import dev.tessera.platform.sql.Unnest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/** Page views by person and day, and each product's attention bookkeeping, in SQL. */
@ApplicationScoped
public class AttentionRepository {

    private static final String STATE_COLUMNS = "product_id, domain_id, sequence,"
            + " CAST(EXTRACT(EPOCH FROM last_viewed_at) * 1000 AS bigint), CAST(last_view_day AS text),"
            + " CAST(EXTRACT(EPOCH FROM sent_at) * 1000 AS bigint), pending, sent_page_views, sent_viewers,"
            + " sent_click_throughs, CAST(counted_day AS text)";

    @Inject
    EntityManager em;

    /**
     * A person's views of a product on one day.
     *
     * @param productId the product
     * @param day the (UTC) day
     * @param viewer the person, as {@code Viewers} names them
     * @param viaSearch whether one of the views came from a search hit
     */
    public record DailyView(String productId, LocalDate day, String viewer, boolean viaSearch) {}

    private static final Unnest<DailyView> VIEWS = Unnest.of(DailyView.class)
            .text("product", DailyView::productId)
            .date("day", DailyView::day)
            .text("viewer", DailyView::viewer)
            .bool("search", DailyView::viaSearch);

    /**
     * One row per product, day and viewer, in one statement: a view on a day already recorded changes
     * nothing, except that a view from search marks the day's row as a click-through. The caller passes
     * each (product, day, viewer) once, in a fixed order, so concurrent batches lock rows in the same order.
     */
    public void keep(List<DailyView> views) {
        if (views.isEmpty()) {
            return;
        }
        Unnest.Values values = VIEWS.values(views);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO page_view (product_id, day, viewer, via_search)"
                            + " SELECT u.product, u.day, u.viewer, u.search FROM " + VIEWS.as("u")
                            + " ON CONFLICT (product_id, day, viewer) DO UPDATE SET via_search = true"
                            + " WHERE EXCLUDED.via_search AND NOT page_view.via_search")) {
                values.bind(connection, insert, 1);
                insert.executeUpdate();
            }
        });
    }

    /** A product's bookkeeping, created if missing, locked until the transaction ends. */
    public AttentionState lock(String productId, String domainId) {
        Object[] row = (Object[]) em.createNativeQuery("INSERT INTO product_attention (product_id, domain_id)"
                        + " VALUES (?1, ?2) ON CONFLICT (product_id) DO UPDATE"
                        + " SET domain_id = COALESCE(EXCLUDED.domain_id, product_attention.domain_id)"
                        + " RETURNING " + STATE_COLUMNS)
                .setParameter(1, productId)
                .setParameter(2, domainId)
                .getSingleResult();
        return state(row);
    }

    /**
     * Up to {@code limit} products, locked, whose last record is at least an hour old ({@code sentBefore})
     * and that have views no record reports yet, or whose counts were not compared today while the last
     * record reported some (days leave the window, so counts fall without anyone looking). Products
     * another instance holds are skipped.
     */
    public List<AttentionState> due(Instant sentBefore, LocalDate today, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + STATE_COLUMNS + " FROM product_attention"
                        + " WHERE sent_at <= CAST(?1 AS timestamptz)"
                        + " AND (pending OR (sent_page_views > 0 AND counted_day < CAST(?2 AS date)))"
                        + " ORDER BY product_id LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, sentBefore.toString())
                .setParameter(2, today.toString())
                .setParameter(3, limit)
                .getResultList();
        List<AttentionState> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            out.add(state(row));
        }
        return out;
    }

    /** Writes a product's bookkeeping back. */
    public void save(AttentionState s) {
        em.createNativeQuery("UPDATE product_attention SET sequence = ?2,"
                        + " last_viewed_at = CAST(?3 AS timestamptz), last_view_day = CAST(?4 AS date),"
                        + " sent_at = CAST(?5 AS timestamptz), pending = ?6, sent_page_views = ?7, sent_viewers = ?8,"
                        + " sent_click_throughs = ?9, counted_day = CAST(?10 AS date) WHERE product_id = ?1")
                .setParameter(1, s.productId())
                .setParameter(2, s.sequence())
                .setParameter(3, text(s.lastViewedAt()))
                .setParameter(4, text(s.lastViewDay()))
                .setParameter(5, text(s.sentAt()))
                .setParameter(6, s.pending())
                .setParameter(7, s.sent().pageViews())
                .setParameter(8, s.sent().viewers())
                .setParameter(9, s.sent().clickThroughs())
                .setParameter(10, text(s.countedDay()))
                .executeUpdate();
    }

    /** A product's views from {@code since} (a UTC day) on. */
    public AttentionState.Counts counts(String productId, LocalDate since) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(*), count(DISTINCT viewer),"
                        + " count(*) FILTER (WHERE via_search) FROM page_view"
                        + " WHERE product_id = ?1 AND day >= CAST(?2 AS date)")
                .setParameter(1, productId)
                .setParameter(2, since.toString())
                .getSingleResult();
        return new AttentionState.Counts(number(row[0]), number(row[1]), number(row[2]));
    }

    /** Forgets the views of days before {@code before}; how many rows went. */
    public int forgetBefore(LocalDate before) {
        return em.createNativeQuery("DELETE FROM page_view WHERE day < CAST(?1 AS date)")
                .setParameter(1, before.toString())
                .executeUpdate();
    }

    private static AttentionState state(Object[] r) {
        return new AttentionState(
                (String) r[0],
                (String) r[1],
                number(r[2]),
                instant(r[3]),
                day(r[4]),
                instant(r[5]),
                (Boolean) r[6],
                new AttentionState.Counts(number(r[7]), number(r[8]), number(r[9])),
                day(r[10]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    private static LocalDate day(Object text) {
        return text == null ? null : LocalDate.parse((String) text);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
