package dev.tessera.governance.policy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One version of a policy: what changed, who changed it and when, and the policy as it was then. */
public record PolicyVersionResponse(
        long version, String change, String changedBy, Instant changedAt, JsonNode policy) {}
