package dev.tessera.governance.access.rest;

/**
 * A step someone takes on an access request.
 *
 * @param status the state to move to: APPROVED or REJECTED (decisions), ACTIVE or FAILED (provisioners)
 * @param reason why; required to reject, fail or revoke
 */
public record StepInput(String status, String reason) {}
