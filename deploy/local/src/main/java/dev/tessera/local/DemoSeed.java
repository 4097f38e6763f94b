package dev.tessera.local;

import dev.tessera.testkit.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * The demo estate a newcomer explores: three domains, twenty products with ports, contracts and PII,
 * lineage between them from input ports and from OpenLineage run events, domain policies with a mix
 * of passes and failures, a rejected publish request, a breaking change, an access request
 * waiting for its owner's approval, and quality in every state: retail's orders pass their checks,
 * its customers fail theirs, its baskets were last written too long ago, and the rest have not been
 * checked yet. Everything goes through the public APIs, as a user would.
 */
public final class DemoSeed {

    /** Domain to its products: id and name. */
    private static final Map<String, List<String[]>> ESTATE = estate();

    private final LocalStack stack;
    private final String webhookUrl;
    private final PlatformClient http = new PlatformClient();
    private final Personas personas;

    /** Seeds through the services of {@code stack}; the demo subscription delivers to {@code webhookUrl}. */
    public DemoSeed(LocalStack stack, String webhookUrl) {
        this.stack = stack;
        this.webhookUrl = webhookUrl;
        this.personas = stack.keycloak() == null ? Personas.developmentKey() : Personas.keycloak(stack.keycloak());
    }

    /**
     * Who does what in the demo: with Keycloak, the realm's demo users (password grant through the
     * terminal client; there is no finance owner among them, so the admin stands in); without it,
     * tokens signed with the development key.
     */
    private interface Personas {
        String admin();

        String owner(String domain);

        String consumer();

        static Personas developmentKey() {
            return new Personas() {
                public String admin() {
                    return TestTokens.platformAdmin();
                }

                public String owner(String domain) {
                    return TestTokens.domainOwner(domain);
                }

                public String consumer() {
                    return TestTokens.dataConsumer();
                }
            };
        }

        static Personas keycloak(dev.tessera.testkit.KeycloakServer keycloak) {
            return new Personas() {
                public String admin() {
                    return token(keycloak, "alice-admin");
                }

                public String owner(String domain) {
                    return switch (domain) {
                        case "retail" -> token(keycloak, "dora-retail");
                        case "healthcare" -> token(keycloak, "hank-health");
                        default -> admin();
                    };
                }

                public String consumer() {
                    return token(keycloak, "carl-consumer");
                }
            };
        }

        private static String token(dev.tessera.testkit.KeycloakServer keycloak, String user) {
            var response = keycloak.passwordGrant("tessera", "tessera-cli", null, user, KEYCLOAK_DEMO_PASSWORD);
            if (response.statusCode() != 200) {
                throw new StackException("Keycloak refused a token for " + user + ": " + response.body());
            }
            try {
                return PlatformClient.JSON
                        .readTree(response.body())
                        .path("access_token")
                        .asText();
            } catch (java.io.IOException e) {
                throw new StackException("unreadable token answer from Keycloak: " + e.getMessage());
            }
        }
    }

    /** The realm export's demo password (deploy/keycloak/README.md). */
    static final String KEYCLOAK_DEMO_PASSWORD = "tessera-demo";

    /** Tokens for the demo personas, signed with the development key the local stack trusts. */
    public static Map<String, String> demoTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("platform admin", TestTokens.platformAdmin());
        tokens.put("governance officer", TestTokens.governanceOfficer());
        tokens.put("retail owner", TestTokens.domainOwner("retail"));
        tokens.put("data consumer", TestTokens.dataConsumer());
        return tokens;
    }

    public void run() {
        String admin = personas.admin();
        ESTATE.keySet().forEach(domain -> http.postJson(
                        api("/api/registry/v1/domains"),
                        admin,
                        Map.of(
                                "id",
                                domain,
                                "name",
                                Character.toUpperCase(domain.charAt(0)) + domain.substring(1),
                                "ownerGroup",
                                "/domains/" + domain))
                .expect(201, 409));
        awaitGovernanceKnows(ESTATE.keySet());
        if (stack.options().services().contains(PlatformService.GOVERNANCE)) {
            http.post(api("/api/governance/v1/policies/apply"), personas.owner("retail"), "application/yaml", """
                            policies:
                              - id: retail-tags
                                name: Retail products are tagged by channel
                                scope: retail
                                severity: WARNING
                                expression: has(product.tags) && product.tags.exists(t, t in ['web', 'store'])
                                remediation: Tag the product with the sales channel it covers (web or store).
                            """)
                    .expect(200);
        }
        if (stack.options().services().contains(PlatformService.CATALOG)) {
            http.postJson(
                            api("/api/catalog/v1/subscriptions"),
                            personas.consumer(),
                            Map.of(
                                    "targetUrl",
                                    webhookUrl,
                                    "secret",
                                    DemoWebhookReceiver.SECRET,
                                    "description",
                                    "Demo subscriber: every change in finance",
                                    "filter",
                                    Map.of("domains", List.of("finance"))))
                    .expect(201);
        }
        List<String> published = new ArrayList<>();
        String previousContract = null;
        for (Map.Entry<String, List<String[]>> domain : ESTATE.entrySet()) {
            String owner = personas.owner(domain.getKey());
            for (String[] product : domain.getValue()) {
                String id = product[0];
                boolean compliant = !id.endsWith("-legacy");
                List<String> inputs = previousContract == null ? List.of() : List.of(previousContract);
                String yaml = withQuality(Descriptors.product(
                        id,
                        domain.getKey(),
                        product[1],
                        "1.0.0",
                        product[1] + " for the " + domain.getKey() + " domain, one row per business event, kept"
                                + " current every hour.",
                        compliant,
                        inputs,
                        null));
                http.put(api("/api/registry/v1/products/" + id), owner, "application/yaml", yaml)
                        .expect(200, 201);
                requestPublish(owner, id, "1.0.0");
                previousContract = id + "-contract";
                published.add(id);
            }
            previousContract = null;
        }
        // A breaking change: 2.0.0 of the first retail product drops a column its consumers read.
        String first = ESTATE.get("retail").getFirst()[0];
        awaitStatus(first, "1.0.0", "PUBLISHED");
        http.put(
                        api("/api/registry/v1/products/" + first),
                        personas.owner("retail"),
                        "application/yaml",
                        withQuality(Descriptors.product(
                                        first,
                                        "retail",
                                        ESTATE.get("retail").getFirst()[1],
                                        "2.0.0",
                                        "Orders for the retail domain, one row per business event, kept current every"
                                                + " hour.",
                                        true,
                                        List.of(),
                                        null)
                                .replace(
                                        "            - name: customer_email\n"
                                                + "              logicalType: string\n"
                                                + "              tags: [pii]\n"
                                                + "              classification: restricted\n",
                                        "")))
                .expect(200, 201);
        requestPublish(personas.owner("retail"), first, "2.0.0");
        postRunEvents();
        postQualityRuns();
        requestAccess(ESTATE.get("finance").getFirst()[0]);
    }

    private void requestPublish(String owner, String id, String version) {
        http.postJson(
                        api("/api/registry/v1/products/" + id + "/versions/" + version + "/transitions"),
                        owner,
                        Map.of("to", "PENDING_APPROVAL"))
                .expect(200);
    }

    private void awaitStatus(String id, String version, String status) {
        Awaitility.await("version " + version + " of " + id + " " + status)
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    var reply = http.get(api("/api/registry/v1/products/" + id), personas.admin());
                    for (var v : reply.at("/versions")) {
                        if (version.equals(v.path("version").asText())) {
                            return status.equals(v.path("status").asText());
                        }
                    }
                    return false;
                });
    }

    private void awaitGovernanceKnows(Set<String> domains) {
        if (!stack.options().services().contains(PlatformService.GOVERNANCE)) {
            return;
        }
        Awaitility.await("governance learns the demo domains")
                .atMost(Duration.ofSeconds(60))
                .until(() -> domains.stream()
                        .allMatch(d -> http.get(api("/api/governance/v1/domains/" + d), personas.admin())
                                        .status()
                                == 200));
    }

    /** An ETL job reading one retail table and writing a finance one, reported as OpenLineage run events. */
    private void postRunEvents() {
        if (!stack.options().services().contains(PlatformService.LINEAGE)) {
            return;
        }
        String run = java.util.UUID.randomUUID().toString();
        String from = ESTATE.get("retail").get(1)[0].replace('-', '_');
        String to = ESTATE.get("finance").get(1)[0].replace('-', '_');
        for (String state : List.of("START", "COMPLETE")) {
            String event = """
                    {"eventType":"%s","eventTime":"%s","producer":"https://github.com/tessera/demo-seed",
                     "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                     "run":{"runId":"%s"},
                     "job":{"namespace":"airflow","name":"finance.load_revenue"},
                     "inputs":[{"namespace":"postgres://warehouse.example.com:5432","name":"analytics.retail.%s"}],
                     "outputs":[{"namespace":"postgres://warehouse.example.com:5432","name":"analytics.finance.%s"}]}
                    """.formatted(state, Instant.now().truncatedTo(ChronoUnit.MILLIS), run, from, to);
            http.post(api("/api/v1/lineage"), personas.admin(), "application/json", event)
                    .expect(200, 201, 202);
        }
    }

    /** Every demo contract asks for more than 1,000 rows, at most a day old. */
    private static String withQuality(String descriptor) {
        return Descriptors.withQuality(descriptor, 1000, 1, "d");
    }

    /**
     * Load runs of three retail tables, as a pipeline reports what it wrote: orders with enough rows
     * and its ids present (PASSING), customers with too few rows (FAILING), baskets last written three
     * days ago (STALE). The other products have no run yet (UNKNOWN).
     */
    private void postQualityRuns() {
        if (!stack.options().services().contains(PlatformService.LINEAGE)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        qualityRun("retail-orders", now, 25_000, true);
        qualityRun("retail-customers", now, 12, true);
        qualityRun("retail-baskets", now.minus(3, ChronoUnit.DAYS), 4_800, true);
    }

    private void qualityRun(String productId, Instant at, long rows, boolean idsPresent) {
        String event = """
                {"eventType":"COMPLETE","eventTime":"%s","producer":"https://github.com/tessera/demo-seed",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"%s"},
                 "job":{"namespace":"airflow","name":"retail.load_%s"},
                 "inputs":[],
                 "outputs":[{"namespace":"postgres://warehouse.example.com:5432","name":"analytics.retail.%s",
                   "outputFacets":{
                     "outputStatistics":{"_producer":"https://github.com/tessera/demo-seed",
                       "_schemaURL":"https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json",
                       "rowCount":%d},
                     "dataQualityAssertions":{"_producer":"https://github.com/tessera/demo-seed",
                       "_schemaURL":"https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json",
                       "assertions":[{"assertion":"not_null","column":"id","success":%s}]}}}]}
                """.formatted(
                        at,
                        java.util.UUID.randomUUID(),
                        productId.replace('-', '_'),
                        productId.replace('-', '_'),
                        rows,
                        idsPresent);
        http.post(api("/api/v1/lineage"), personas.admin(), "application/json", event)
                .expect(200, 201, 202);
    }

    private void requestAccess(String productId) {
        if (!stack.options().services().contains(PlatformService.GOVERNANCE)) {
            return;
        }
        awaitStatus(productId, "1.0.0", "PUBLISHED");
        http.postJson(
                        api("/api/governance/v1/access-requests"),
                        personas.consumer(),
                        Map.of(
                                "productId",
                                productId,
                                "portName",
                                productId + "-table",
                                "purpose",
                                "Quarterly revenue report for the board",
                                "requestedUntil",
                                Instant.now().plus(90, ChronoUnit.DAYS).toString()))
                .expect(201);
    }

    /**
     * A platform API path, through the gateway as a user's call would go when the stack has one (the
     * run command's always does), otherwise straight to the service that owns the path.
     */
    private URI api(String path) {
        if (stack.options().services().contains(PlatformService.GATEWAY)) {
            return stack.service(PlatformService.GATEWAY).uri(path);
        }
        PlatformService owner = path.startsWith("/api/registry/")
                ? PlatformService.REGISTRY
                : path.startsWith("/api/governance/")
                        ? PlatformService.GOVERNANCE
                        : path.startsWith("/api/catalog/") ? PlatformService.CATALOG : PlatformService.LINEAGE;
        return stack.service(owner).uri(path);
    }

    private static Map<String, List<String[]>> estate() {
        Map<String, List<String[]>> e = new LinkedHashMap<>();
        e.put(
                "retail",
                List.of(
                        new String[] {"retail-orders", "Orders"},
                        new String[] {"retail-customers", "Customers"},
                        new String[] {"retail-baskets", "Baskets"},
                        new String[] {"retail-returns", "Returns"},
                        new String[] {"retail-stock", "Stock levels"},
                        new String[] {"retail-prices", "Prices"},
                        new String[] {"retail-promotions-legacy", "Promotions (legacy)"}));
        e.put(
                "healthcare",
                List.of(
                        new String[] {"healthcare-patients", "Patients"},
                        new String[] {"healthcare-admissions", "Admissions"},
                        new String[] {"healthcare-prescriptions", "Prescriptions"},
                        new String[] {"healthcare-lab-results", "Lab results"},
                        new String[] {"healthcare-appointments", "Appointments"},
                        new String[] {"healthcare-claims-legacy", "Claims (legacy)"}));
        e.put(
                "finance",
                List.of(
                        new String[] {"finance-ledger", "General ledger"},
                        new String[] {"finance-revenue", "Revenue"},
                        new String[] {"finance-invoices", "Invoices"},
                        new String[] {"finance-payments", "Payments"},
                        new String[] {"finance-budgets", "Budgets"},
                        new String[] {"finance-forecasts", "Forecasts"},
                        new String[] {"finance-fx-rates", "FX rates"}));
        return e;
    }
}
