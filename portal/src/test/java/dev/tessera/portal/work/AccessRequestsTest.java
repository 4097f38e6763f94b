package dev.tessera.portal.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Governance's list of access requests splits into the user's own and those waiting for the user's
 * decision. People are compared by the name governance records (preferred_username), not the token's
 * subject id.
 */
class AccessRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PAGE = """
            {"items":[
              {"request":{"requestId":"r1","productId":"retail-orders","portName":"orders-table","productDomainId":"retail",
                "consumer":{"subject":"carl"},"purpose":"Revenue","status":"REQUESTED","requestedUntil":"2027-01-01T00:00:00Z",
                "history":[{"status":"REQUESTED","actor":"carl","at":"2026-12-07T10:00:00Z"}],"updatedAt":"2026-12-07T10:00:00Z"},
               "namedApprovers":[]},
              {"request":{"requestId":"r2","productId":"retail-stock","portName":"stock","productDomainId":"retail",
                "consumer":{"subject":"dora","productId":"retail-report"},"status":"REJECTED",
                "history":[{"status":"REQUESTED","actor":"dora","at":"2026-12-06T09:00:00Z"},
                           {"status":"REJECTED","actor":"hank","at":"2026-12-06T11:30:00Z","reason":"Not for reports"}],
                "updatedAt":"2026-12-06T11:30:00Z"},
               "namedApprovers":[]},
              {"request":{"requestId":"r3","productId":"health-patients","portName":"patients","productDomainId":"healthcare",
                "consumer":{"subject":"carl"},"status":"REQUESTED",
                "history":[{"status":"REQUESTED","actor":"carl","at":"2026-12-05T08:00:00Z"}],"updatedAt":"2026-12-05T08:00:00Z"},
               "namedApprovers":["dora"]},
              {"request":{"requestId":"r4","productId":"retail-prices","portName":"prices","productDomainId":"retail",
                "consumer":{"subject":"carl"},"status":"APPROVED",
                "history":[{"status":"REQUESTED","actor":"carl","at":"2026-12-04T08:00:00Z"}],"updatedAt":"2026-12-04T09:00:00Z"},
               "namedApprovers":[]},
              {"request":{"requestId":"r5","productId":"finance-ledger","portName":"ledger","productDomainId":"finance",
                "consumer":{"subject":"carl"},"status":"REQUESTED",
                "history":[{"status":"REQUESTED","actor":"carl","at":"2026-12-03T08:00:00Z"}],"updatedAt":"2026-12-03T08:00:00Z"},
               "namedApprovers":[]}
            ]}
            """;

    @Test
    void theUsersOwnRequestsAndThoseWaitingForTheirDecisionAreToldApart() throws Exception {
        JsonNode page = JSON.readTree(PAGE);
        AccessRequests dora = AccessRequests.of(
                page, "dora", r -> "retail".equals(r.domain()) || r.approvers().contains("dora"));

        assertThat(dora.mine()).extracting(AccessRequests.Request::id).containsExactly("r2");
        AccessRequests.Request rejected = dora.mine().getFirst();
        assertThat(rejected.lastActor()).isEqualTo("hank");
        assertThat(rejected.lastReason()).isEqualTo("Not for reports");
        assertThat(rejected.consumingProduct()).isEqualTo("retail-report");
        // Waiting: still REQUESTED, decidable by dora (her domain, or she is a named approver), oldest first;
        // r4 is decided already and r5 is in a domain she neither owns nor approves for.
        assertThat(dora.waiting()).extracting(AccessRequests.Request::id).containsExactly("r3", "r1");
        assertThat(dora.waiting().get(1).until()).isEqualTo("2027-01-01");
        assertThat(dora.waiting().get(1).requestedAt()).isEqualTo("2026-12-07 10:00 UTC");

        AccessRequests carl = AccessRequests.of(page, "carl", r -> false);
        assertThat(carl.mine()).extracting(AccessRequests.Request::id).containsExactly("r1", "r3", "r4", "r5");
        assertThat(carl.waiting()).isEmpty();
    }
}
