package dev.tessera.governance.quality.service;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One result a tool pushed.
 *
 * @param check a contract rule's checkId, ODCS id or name, or a free name of the tool's own check
 * @param success whether the check held; needed unless a value decides it
 * @param value the measured value; decides the result when the check names a rule with an operator
 * @param observedAt when the tool observed it
 * @param runId the run that produced it, when there is one
 */
public record PushedResult(String check, Boolean success, BigDecimal value, Instant observedAt, String runId) {}
