package dev.tessera.registry.product.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A request to move a version in the lifecycle.
 *
 * @param to the target state: PENDING_APPROVAL, PUBLISHED, DRAFT, DEPRECATED or RETIRED
 * @param reasons why (required when rejecting a publish request)
 * @param sunsetDate for DEPRECATED: the date after which consumers must have moved (required, in the future)
 * @param successor for DEPRECATED: the version of this product, or another product's id, to move to
 */
public record TransitionRequest(
        @NotNull(message = "name the target state in `to`") String to,
        @Size(max = 50) List<@Size(max = 2000) String> reasons,
        LocalDate sunsetDate,
        @Size(max = 200) String successor) {}
