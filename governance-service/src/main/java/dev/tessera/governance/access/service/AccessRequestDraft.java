package dev.tessera.governance.access.service;

import java.time.Instant;

/**
 * What a consumer asks for when requesting access to an output port, before {@link
 * AccessRequestService} checks it.
 *
 * @param productId the product offering the port
 * @param portName the output port
 * @param portVersion the port version, when the product offers several
 * @param purpose why the data is needed (at least 10 characters)
 * @param requestedUntil when access should end on its own; in the future
 * @param consumingProductId the product the data will feed, if any
 */
public record AccessRequestDraft(
        String productId,
        String portName,
        String portVersion,
        String purpose,
        Instant requestedUntil,
        String consumingProductId) {}
