package dev.tessera.portal.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a call a page needs before it can make the next one (a list, then a read per item). */
public final class Await {

    private Await() {}

    /** The call's answer, or no answer ("timeout") when it takes longer than {@code timeoutMillis}; never throws. */
    public static ApiResponse answer(CompletableFuture<ApiResponse> call, long timeoutMillis) {
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.noAnswer("interrupted");
        } catch (TimeoutException e) {
            return ApiResponse.noAnswer("timeout");
        } catch (ExecutionException e) {
            return ApiResponse.noAnswer("unreachable");
        }
    }
}
