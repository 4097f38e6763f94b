package dev.tessera.catalog.attention.service;

import dev.tessera.catalog.attention.repository.AttentionRepository;
import dev.tessera.catalog.attention.repository.AttentionState;
import dev.tessera.events.EventType;
import dev.tessera.events.usage.AttentionV1;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records page views and tells the platform about them: an {@code AttentionV1} record on
 * {@code tessera.attention}, through the outbox, in the same transaction as the views it counts. A
 * product gets a record at its first view of each day and otherwise at most one an hour: views within
 * the hour after a record wait ({@code pending}) for {@link #sendDue}, so a record is never more than
 * an hour behind. A record counts the last 30 days, today included; as days leave that window the
 * counts fall, and {@link #sendDue} sends a record once a day while they do.
 */
@ApplicationScoped
public class AttentionService {

    /** The least time between two records of one product, except at its first view of a day. */
    static final Duration MIN_INTERVAL = Duration.ofHours(1);

    /** Days a record counts: today and the 29 before. */
    static final int WINDOW_DAYS = 30;

    @Inject
    AttentionRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    AttentionClock clock;

    /** Records a batch of views; how many attention records it sent. */
    @Transactional
    public int record(List<PageView> views) {
        keep(views);
        Map<String, List<PageView>> byProduct = new TreeMap<>();
        for (PageView v : views) {
            byProduct.computeIfAbsent(v.productId(), p -> new ArrayList<>()).add(v);
        }
        Instant now = clock.now();
        int sent = 0;
        // In product order, so two instances recording at once lock their products in the same order.
        for (List<PageView> ofProduct : byProduct.values()) {
            PageView latest =
                    ofProduct.stream().max(Comparator.comparing(PageView::at)).orElseThrow();
            AttentionState state = repository.lock(latest.productId(), latest.domainId());
            LocalDate day = day(latest.at());
            boolean firstOfDay =
                    state.lastViewDay() == null || state.lastViewDay().isBefore(day);
            state = state.viewed(latest.at(), day);
            if (firstOfDay
                    || state.sentAt() == null
                    || !now.isBefore(state.sentAt().plus(MIN_INTERVAL))) {
                state = send(state, now);
                sent++;
            } else {
                state = state.withPending();
            }
            repository.save(state);
        }
        return sent;
    }

    /**
     * Sends what is due for up to {@code limit} products (views waiting since a record an hour old or
     * more; counts that fell since yesterday) and forgets views older than the window; how many
     * products it looked at.
     */
    @Transactional
    public int sendDue(int limit) {
        Instant now = clock.now();
        LocalDate today = day(now);
        List<AttentionState> due = repository.due(now.minus(MIN_INTERVAL), today, limit);
        for (AttentionState state : due) {
            if (state.pending() || !counts(state.productId(), today).equals(state.sent())) {
                state = send(state, now);
            } else {
                state = state.counted(today);
            }
            repository.save(state);
        }
        repository.forgetBefore(today.minusDays(WINDOW_DAYS));
        return due.size();
    }

    /** Each (product, day, viewer) once, a view from search winning, in a fixed order. */
    private void keep(List<PageView> views) {
        Map<String, AttentionRepository.DailyView> unique = new TreeMap<>();
        for (PageView v : views) {
            AttentionRepository.DailyView daily =
                    new AttentionRepository.DailyView(v.productId(), day(v.at()), v.viewer(), v.viaSearch());
            unique.merge(
                    v.productId() + '\n' + daily.day() + '\n' + v.viewer(), daily, (a, b) -> a.viaSearch() ? a : b);
        }
        repository.keep(List.copyOf(unique.values()));
    }

    private AttentionState send(AttentionState state, Instant now) {
        LocalDate today = day(now);
        AttentionState.Counts counts = counts(state.productId(), today);
        long sequence = state.sequence() + 1;
        outbox.enqueue(
                EventType.ATTENTION_REFRESHED,
                state.productId(),
                sequence,
                new AttentionV1(
                        state.productId(),
                        state.domainId(),
                        sequence,
                        counts.pageViews(),
                        counts.viewers(),
                        counts.clickThroughs(),
                        state.lastViewedAt(),
                        now));
        return state.sent(sequence, now, counts, today);
    }

    private AttentionState.Counts counts(String productId, LocalDate today) {
        return repository.counts(productId, today.minusDays(WINDOW_DAYS - 1));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
