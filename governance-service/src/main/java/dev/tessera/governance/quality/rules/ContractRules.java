package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads the quality rules out of an ODCS contract. */
public final class ContractRules {

    private ContractRules() {}

    /** Every rule of the contract, in document order; empty for a contract with none or no contract. */
    public static List<ContractRule> of(JsonNode contract) {
        throw new UnsupportedOperationException("not built yet");
    }
}
