package dev.tessera.portal.panel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.api.ApiResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One part of a page filled from one API call. A page starts all its panels' calls at once and renders
 * each panel on its own: a panel whose backend failed says so (in words a user can act on) and the rest
 * of the page still shows. Building a panel never throws, so a backend's failure never becomes an
 * error page.
 *
 * <p>Templates show {@code data} only when {@link #ready()}; otherwise {@code panel-status.html} renders
 * the {@code message}.
 *
 * @param state what came of the call
 * @param data the panel's view, built from the answer; null unless {@link State#READY}
 * @param message what to tell the user when the panel is not ready
 */
public record Panel<T>(State state, T data, String message) {

    private static final Logger LOG = Logger.getLogger(Panel.class);

    /** What came of a panel's call. */
    public enum State {
        READY,
        /** The service behind it is down, slow, or the gateway could not be reached. */
        UNAVAILABLE,
        /** The user may not read it. */
        FORBIDDEN,
        NOT_FOUND,
        /** Anything else: a refusal of the request, an answer the portal could not read. */
        FAILED
    }

    public static <T> Panel<T> ready(T data) {
        return new Panel<>(State.READY, data, null);
    }

    public static <T> Panel<T> unavailable(String what) {
        return new Panel<>(
                State.UNAVAILABLE,
                null,
                what + " cannot be shown right now: its service did not answer. Try again"
                        + " in a moment; the rest of the page is current.");
    }

    /**
     * Waits for a call (at most {@code timeoutMillis}) and maps its JSON answer with {@code view}.
     *
     * @param what the panel's name as the user reads it ("Lineage", "Search results")
     */
    public static <T> Panel<T> of(
            String what, CompletableFuture<ApiResponse> call, long timeoutMillis, Function<JsonNode, T> view) {
        ApiResponse response;
        try {
            response = call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unavailable(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(what);
        } catch (ExecutionException e) {
            LOG.warnf(e.getCause(), "%s: the call failed", what);
            return unavailable(what);
        }
        return of(what, response, view);
    }

    /** Maps an answer already in hand. */
    public static <T> Panel<T> of(String what, ApiResponse response, Function<JsonNode, T> view) {
        if (response.unavailable()) {
            return unavailable(what);
        }
        if (response.status() == 401 || response.status() == 403) {
            return new Panel<>(State.FORBIDDEN, null, what + " is not shown: your roles do not allow reading it.");
        }
        if (response.status() == 404) {
            return new Panel<>(State.NOT_FOUND, null, what + ": nothing found.");
        }
        if (!response.ok()) {
            return new Panel<>(State.FAILED, null, what + " could not be shown: " + response.detail());
        }
        try {
            return ready(view.apply(response.body()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the answer could not be read", what);
            return new Panel<>(State.FAILED, null, what + " could not be shown: the answer could not be read.");
        }
    }

    public boolean ready() {
        return state == State.READY;
    }
}
