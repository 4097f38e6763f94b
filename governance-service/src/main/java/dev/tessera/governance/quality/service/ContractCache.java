package dev.tessera.governance.quality.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The port contracts of recently observed products, kept between batches of observations: a
 * product's stored state changes only with a higher registry sequence, so the contracts read from
 * it at one sequence hold until the product changes. A batch asks for the state payloads of only the
 * products whose sequence moved, and reads their contracts again.
 *
 * <p>Bounded: when it holds more than {@link #MAX_PRODUCTS} products it starts afresh, which costs
 * one re-read per product and never a wrong answer.
 */
@ApplicationScoped
public class ContractCache {

    static final int MAX_PRODUCTS = 20_000;

    /** A product's port contracts as read from its state at one sequence. */
    public record Entry(long sequence, PortContracts contracts) {}

    private final Map<String, Entry> byProduct = new ConcurrentHashMap<>();

    /** What is held for these products now; the caller keeps this view for the whole batch. */
    public Map<String, Entry> snapshot(Collection<String> productIds) {
        Map<String, Entry> held = new HashMap<>();
        for (String id : productIds) {
            Entry entry = byProduct.get(id);
            if (entry != null) {
                held.put(id, entry);
            }
        }
        return held;
    }

    /** Keeps the contracts read from a product's state at the given sequence. */
    public void keep(String productId, long sequence, PortContracts contracts) {
        if (byProduct.size() >= MAX_PRODUCTS) {
            byProduct.clear();
        }
        byProduct.merge(
                productId,
                new Entry(sequence, contracts),
                (held, read) -> held.sequence() >= read.sequence() ? held : read);
    }
}
