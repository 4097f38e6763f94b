package dev.tessera.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each service connects to Kafka, checked against the cluster's listeners and KafkaUsers: each
 * service that talks to Kafka ({@link KafkaAccess}) logs in as its own KafkaUser. One sentence per
 * violation.
 */
final class KafkaClientPolicies {

    /** The Strimzi Secret of the cluster CA's public certificate, which clients trust for TLS. */
    static final String CLUSTER_CA_SUFFIX = "-cluster-ca-cert";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

    private KafkaClientPolicies() {}

    /**
     * Each service that talks to Kafka logs in as its own KafkaUser: SCRAM-SHA-512 with the JAAS
     * configuration from the Secret the User Operator writes for that user, over TLS trusting the
     * cluster CA when the listener has TLS, to a listener that authenticates, through a
     * NetworkPolicy that lets it reach that port. No Deployment takes another KafkaUser's Secret.
     */
    static List<String> clients(
            List<HasMetadata> objects, KafkaAccess.Code code, Map<String, String> bootstrapVariables) {
        List<String> violations = new ArrayList<>();
        Map<Integer, GenericKafkaListener> listeners = new HashMap<>();
        String cluster = null;
        for (GenericKubernetesResource object : ManifestPolicies.custom(objects, "Kafka")) {
            Kafka kafka = StrimziResources.parse(object, Kafka.class).resource();
            if (kafka != null) {
                cluster = object.getMetadata().getName();
                kafka.getSpec().getKafka().getListeners().forEach(l -> listeners.put(l.getPort(), l));
            }
        }
        Set<String> kafkaUsers = new TreeSet<>();
        ManifestPolicies.custom(objects, "KafkaUser")
                .forEach(u -> kafkaUsers.add(u.getMetadata().getName()));
        for (Deployment deployment : ManifestPolicies.of(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, EnvVar> env = environment(objects, deployment);
            for (EnvVar variable : env.values()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    String secret = variable.getValueFrom().getSecretKeyRef().getName();
                    if (kafkaUsers.contains(secret) && !secret.equals(name)) {
                        violations.add("Deployment " + name + " takes " + variable.getName() + " from KafkaUser "
                                + secret + "'s Secret: each service logs in as itself");
                    }
                }
            }
            if (!code.services().contains(name)) {
                continue;
            }
            String where = "Deployment " + name;
            String bootstrapVariable = bootstrapVariables.get(name);
            String bootstrap = bootstrapVariable == null ? null : value(env.get(bootstrapVariable));
            Integer port = bootstrap == null ? null : port(bootstrap);
            GenericKafkaListener listener = port == null ? null : listeners.get(port);
            if (listener == null) {
                violations.add(where + " connects to Kafka at " + bootstrap + ", which is no listener of the cluster");
                continue;
            }
            if (listener.getAuth() == null || !listener.getAuth().getType().equals("scram-sha-512")) {
                violations.add(where + " connects to listener " + listener.getName()
                        + ", which does not authenticate with SCRAM-SHA-512");
            }
            String protocol = listener.isTls() ? "SASL_SSL" : "SASL_PLAINTEXT";
            expect(violations, where, env, "KAFKA_SECURITY_PROTOCOL", protocol);
            expect(violations, where, env, "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            EnvVar jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            boolean ownSecret = jaas != null
                    && jaas.getValueFrom() != null
                    && jaas.getValueFrom().getSecretKeyRef() != null
                    && jaas.getValueFrom().getSecretKeyRef().getName().equals(name)
                    && jaas.getValueFrom().getSecretKeyRef().getKey().equals("sasl.jaas.config");
            if (!ownSecret) {
                violations.add(where + " does not take KAFKA_SASL_JAAS_CONFIG from its own KafkaUser's Secret (" + name
                        + ", key sasl.jaas.config)");
            }
            if (!kafkaUsers.contains(name)) {
                violations.add(where + " talks to Kafka but there is no KafkaUser " + name);
            }
            if (listener.isTls()) {
                expect(violations, where, env, "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
                String location = value(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
                if (location == null || !mountedFromSecret(deployment, location, cluster + CLUSTER_CA_SUFFIX)) {
                    violations.add(where + " does not trust the cluster CA: KAFKA_SSL_TRUSTSTORE_LOCATION (" + location
                            + ") is no file of a volume from Secret " + cluster + CLUSTER_CA_SUFFIX);
                }
            }
            if (!reachesKafka(objects, deployment, port)) {
                violations.add(where + "'s NetworkPolicy does not let it reach the Kafka brokers on port " + port);
            }
        }
        return violations;
    }

    /** A Deployment's first container's environment: its ConfigMaps taken whole, then its own entries. */
    static Map<String, EnvVar> environment(List<HasMetadata> objects, Deployment deployment) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() == null) {
                continue;
            }
            String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
            ManifestPolicies.of(objects, ConfigMap.class).stream()
                    .filter(c -> c.getMetadata()
                            .getName()
                            .equals(source.getConfigMapRef().getName()))
                    .flatMap(c -> Objects.requireNonNullElse(c.getData(), Map.<String, String>of()).entrySet().stream())
                    .forEach(e -> env.put(prefix + e.getKey(), new EnvVar(prefix + e.getKey(), e.getValue(), null)));
        }
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            env.put(variable.getName(), variable);
        }
        return env;
    }

    /** The variable a module's {@code kafka.bootstrap.servers} reads, by module (= Deployment) name. */
    static Map<String, String> bootstrapVariables(Path repositoryRoot) {
        Map<String, String> variables = new TreeMap<>();
        for (Path module : ServiceConfigs.modules(repositoryRoot)) {
            String value = KafkaAccess.production(module.resolve("src/main/resources/application.properties"))
                    .get("kafka.bootstrap.servers");
            if (value != null) {
                Matcher expression = EXPRESSION.matcher(value.trim());
                if (expression.matches()) {
                    variables.put(module.getFileName().toString(), expression.group(1));
                }
            }
        }
        return variables;
    }

    private static String value(EnvVar variable) {
        return variable == null ? null : variable.getValue();
    }

    private static void expect(
            List<String> violations, String where, Map<String, EnvVar> env, String variable, String expected) {
        String actual = value(env.get(variable));
        if (!expected.equals(actual)) {
            violations.add(where + " sets " + variable + " to " + actual + ", not " + expected);
        }
    }

    private static Integer port(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        try {
            return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean mountedFromSecret(Deployment deployment, String file, String secret) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();
        for (VolumeMount mount : Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of())) {
            if (!file.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            for (Volume volume : Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of())) {
                if (volume.getName().equals(mount.getName())
                        && volume.getSecret() != null
                        && secret.equals(volume.getSecret().getSecretName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean reachesKafka(List<HasMetadata> objects, Deployment deployment, int port) {
        Map<String, String> labels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        for (NetworkPolicy policy : ManifestPolicies.of(objects, NetworkPolicy.class)) {
            Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
            if (selector == null || selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            for (NetworkPolicyEgressRule rule :
                    Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())) {
                boolean toKafka = Objects.requireNonNullElse(rule.getTo(), List.<NetworkPolicyPeer>of()).stream()
                        .anyMatch(peer -> peer.getPodSelector() != null
                                && peer.getPodSelector().getMatchLabels() != null
                                && "Kafka"
                                        .equals(peer.getPodSelector()
                                                .getMatchLabels()
                                                .get("strimzi.io/kind")));
                boolean onPort = Objects.requireNonNullElse(rule.getPorts(), List.<NetworkPolicyPort>of()).stream()
                        .anyMatch(p -> p.getPort() != null
                                && Objects.equals(p.getPort().getIntVal(), port));
                if (toKafka && onPort) {
                    return true;
                }
            }
        }
        return false;
    }
}
