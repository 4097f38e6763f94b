package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaSecurityTest {

    private static final Path ROOT = Renderings.repositoryRoot();
    private static final KafkaAccess.Code CODE = KafkaAccess.code(ROOT);
    private static final Map<String, KafkaAccess.Channel> CONTRACT = KafkaAccess.contract();

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @Test
    void theWritersAndReadersOfEachTopicAreReadFromTheServicesConfiguration() {
        assertThat(CODE.writers())
                .containsEntry("tessera.products", Set.of("product-registry-service"))
                .containsEntry("tessera.governance", Set.of("governance-service"))
                .containsEntry("tessera.access", Set.of("governance-service"))
                .containsEntry("tessera.lineage", Set.of("lineage-service"));
        assertThat(CODE.readersOf("tessera.governance")).contains("product-registry-service", "catalog-service");
        assertThat(CODE.readers()).anySatisfy(r -> {
            assertThat(r.service()).isEqualTo("catalog-service");
            assertThat(r.group().variable()).isEqualTo("TESSERA_CATALOG_GROUP");
        });
    }

    @Test
    void everyKafkaClientTheCodeBuildsItselfCarriesTheServicesSecuritySettings() {
        assertThat(KafkaAccess.clientsWithoutTheServicesSettings(ROOT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theBrokerAuthenticatesEveryClientAndEnforcesAcls(Renderings.Rendering rendering) {
        assertThat(KafkaSecurityPolicies.broker(rendering.objects())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void eachTopicHasOneWriterAndOnlyTheConsumersTheContractNames(Renderings.Rendering rendering) {
        assertThat(KafkaSecurityPolicies.acls(rendering.objects(), CODE, CONTRACT))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void eachServiceLogsInToKafkaAsItsOwnKafkaUser(Renderings.Rendering rendering) {
        assertThat(KafkaClientPolicies.clients(rendering.objects(), CODE, KafkaClientPolicies.bootstrapVariables(ROOT)))
                .isEmpty();
    }

    @Test
    void aSecondPrincipalAllowedToPublishGovernanceDecisionsIsReported() {
        List<HasMetadata> broken = Mutations.changeCustom(Mutations.devCopy(), "KafkaUser", "catalog-service", spec -> {
            @SuppressWarnings("unchecked")
            var acls = (List<Object>) ((Map<String, Object>) spec.get("authorization")).get("acls");
            acls.add(Map.of(
                    "resource", Map.of("type", "topic", "name", "tessera.", "patternType", "prefix"),
                    "operations", List.of("Write")));
        });

        assertThat(KafkaSecurityPolicies.acls(broken, CODE, CONTRACT))
                .contains(
                        "KafkaUser catalog-service may write tessera.governance, which only governance-service writes",
                        "KafkaUser catalog-service may write tessera.products, which only product-registry-service writes");
    }

    @Test
    void aReaderTheContractDoesNotNameIsReported() {
        List<HasMetadata> broken = Mutations.changeCustom(Mutations.devCopy(), "KafkaUser", "lineage-service", spec -> {
            @SuppressWarnings("unchecked")
            var acls = (List<Object>) ((Map<String, Object>) spec.get("authorization")).get("acls");
            acls.add(Map.of(
                    "resource", Map.of("type", "topic", "name", "tessera.governance", "patternType", "literal"),
                    "operations", List.of("Read")));
        });

        assertThat(KafkaSecurityPolicies.acls(broken, CODE, CONTRACT))
                .containsExactly("KafkaUser lineage-service may read tessera.governance, but the AsyncAPI document"
                        + " names only [catalog-service, product-registry-service] as its consumers");
    }

    @Test
    void aReaderInTheCodeWithoutItsAclsOrInTheContractIsReported() {
        List<KafkaAccess.Reader> readers = new ArrayList<>(CODE.readers());
        readers.add(new KafkaAccess.Reader(
                "lineage-service", "tessera.governance", new KafkaAccess.Group("lineage-service", null)));
        KafkaAccess.Code code = new KafkaAccess.Code(CODE.writers(), readers);

        assertThat(KafkaSecurityPolicies.acls(Mutations.devCopy(), code, CONTRACT))
                .containsExactly(
                        "the AsyncAPI document names [catalog-service, product-registry-service] as consumers of"
                                + " tessera.governance, the code has [catalog-service, lineage-service,"
                                + " product-registry-service]",
                        "KafkaUser lineage-service may not read tessera.governance, which its code consumes");
    }

    @Test
    void aListenerWithoutAuthenticationAndAMisspeltAclAreReported() {
        List<HasMetadata> broken = Mutations.changeCustom(Mutations.devCopy(), "Kafka", "tessera", spec -> {
            @SuppressWarnings("unchecked")
            var listener = (Map<String, Object>)
                    ((List<Object>) ((Map<String, Object>) spec.get("kafka")).get("listeners")).getFirst();
            listener.remove("authentication");
        });
        broken = Mutations.changeCustom(broken, "KafkaUser", "lineage-service", spec -> {
            @SuppressWarnings("unchecked")
            var acl = (Map<String, Object>)
                    ((List<Object>) ((Map<String, Object>) spec.get("authorization")).get("acls")).getFirst();
            acl.put("operations", List.of("Wirte"));
        });

        assertThat(KafkaSecurityPolicies.broker(broken))
                .anySatisfy(v -> assertThat(v)
                        .startsWith("Kafka tessera listener ")
                        .endsWith("lets clients in without authentication"))
                .anySatisfy(v -> assertThat(v)
                        .startsWith("KafkaUser lineage-service spec.authorization.acls[0].operations[0] = \"Wirte\""));
    }

    @Test
    void aServiceLoggingInWithAnotherServicesCredentialsIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), Deployment.class, "catalog-service", d -> d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv()
                        .replaceAll(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")
                                ? new EnvVarBuilder()
                                        .withName("KAFKA_SASL_JAAS_CONFIG")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef("sasl.jaas.config", "governance-service", false)
                                        .endValueFrom()
                                        .build()
                                : e));

        assertThat(KafkaClientPolicies.clients(broken, CODE, KafkaClientPolicies.bootstrapVariables(ROOT)))
                .containsExactly(
                        "Deployment catalog-service takes KAFKA_SASL_JAAS_CONFIG from KafkaUser governance-service's"
                                + " Secret: each service logs in as itself",
                        "Deployment catalog-service does not take KAFKA_SASL_JAAS_CONFIG from its own KafkaUser's"
                                + " Secret (catalog-service, key sasl.jaas.config)");
    }
}
