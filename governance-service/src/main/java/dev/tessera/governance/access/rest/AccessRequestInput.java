package dev.tessera.governance.access.rest;

import dev.tessera.governance.access.service.AccessRequestDraft;
import java.time.Instant;

/**
 * A request for access to an output port.
 *
 * @param productId the product offering the port
 * @param portName the output port
 * @param portVersion the port version, when the product offers several
 * @param purpose why the data is needed (at least 10 characters)
 * @param requestedUntil when access should end on its own; in the future
 * @param consumingProductId the product the data will feed, if any
 */
public record AccessRequestInput(
        String productId,
        String portName,
        String portVersion,
        String purpose,
        Instant requestedUntil,
        String consumingProductId) {

    /** The request as the service takes it. */
    public AccessRequestDraft draft() {
        return new AccessRequestDraft(productId, portName, portVersion, purpose, requestedUntil, consumingProductId);
    }
}
