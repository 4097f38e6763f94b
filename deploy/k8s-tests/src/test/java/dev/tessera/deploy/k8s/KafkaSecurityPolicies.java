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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may do what on the Kafka cluster, checked against who does what in the code
 * ({@link KafkaAccess}): the broker authenticates every client and enforces ACLs; each topic has
 * exactly one principal that may change it, the service whose outbox publishes it; only the
 * consumers the AsyncAPI document names may read it; and each service logs in as its own
 * KafkaUser. Each check returns one sentence per violation.
 */
final class KafkaSecurityPolicies {

    /** Operations that change a topic or its records: only the topic's producer may hold one. */
    static final Set<AclOperation> CHANGES = EnumSet.of(
            AclOperation.WRITE,
            AclOperation.ALL,
            AclOperation.CREATE,
            AclOperation.DELETE,
            AclOperation.ALTER,
            AclOperation.ALTERCONFIGS);

    /** Operations that let a principal read a topic's records or a group's offsets. */
    static final Set<AclOperation> READS = EnumSet.of(AclOperation.READ, AclOperation.ALL);

    /** The Strimzi Secret of the cluster CA's public certificate, which clients trust for TLS. */
    static final String CLUSTER_CA_SUFFIX = "-cluster-ca-cert";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

    private KafkaSecurityPolicies() {}

    // ---------------------------------------------------------------- the broker

    /**
     * Every listener authenticates its clients (SCRAM-SHA-512 or mutual TLS), the cluster enforces
     * ACLs (simple authorization) with no super users of ours, and a User Operator turns KafkaUsers
     * into credentials and ACLs. Kafka and KafkaUser resources are read with Strimzi's model.
     */
    static List<String> broker(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        List<GenericKubernetesResource> clusters = ManifestPolicies.custom(objects, "Kafka");
        if (clusters.isEmpty()) {
            violations.add("no Kafka resource");
        }
        for (GenericKubernetesResource object : clusters) {
            StrimziResources.Parsed<Kafka> parsed = StrimziResources.parse(object, Kafka.class);
            violations.addAll(parsed.problems());
            if (parsed.resource() == null) {
                continue;
            }
            String where = "Kafka " + object.getMetadata().getName();
            var spec = parsed.resource().getSpec();
            for (GenericKafkaListener listener : spec.getKafka().getListeners()) {
                if (listener.getAuth() == null) {
                    violations.add(where + " listener " + listener.getName() + " (port " + listener.getPort()
                            + ") lets clients in without authentication");
                }
            }
            if (!(spec.getKafka().getAuthorization() instanceof KafkaAuthorizationSimple simple)) {
                violations.add(where + " does not enable simple authorization, so no ACL is enforced");
            } else if (simple.getSuperUsers() != null && !simple.getSuperUsers().isEmpty()) {
                violations.add(where + " names super users " + simple.getSuperUsers() + ", whom no ACL binds");
            }
            if (spec.getEntityOperator() == null || spec.getEntityOperator().getUserOperator() == null) {
                violations.add(where + " runs no User Operator, so its KafkaUsers get neither credentials nor ACLs");
            }
        }
        for (GenericKubernetesResource object : ManifestPolicies.custom(objects, "KafkaUser")) {
            violations.addAll(StrimziResources.parse(object, KafkaUser.class).problems());
        }
        for (GenericKubernetesResource object : ManifestPolicies.custom(objects, "KafkaTopic")) {
            violations.addAll(StrimziResources.parse(object, io.strimzi.api.kafka.model.topic.KafkaTopic.class)
                    .problems());
        }
        return violations;
    }

    // ---------------------------------------------------------------- ACLs

    /**
     * The ACLs match the code and the contract: each topic has one writer in the code, the one the
     * AsyncAPI document names as producer, and its KafkaUser alone may change the topic; each reader
     * in the code is a consumer the document names, may read the topic and its consumer group, and
     * nobody else may read the topic. No KafkaUser holds cluster-wide rights.
     */
    static List<String> acls(
            List<HasMetadata> objects, KafkaAccess.Code code, Map<String, KafkaAccess.Channel> contract) {
        List<String> violations = new ArrayList<>();
        Map<String, KafkaUser> users = users(objects, violations);
        Set<String> topics = new TreeSet<>(code.writers().keySet());
        topics.addAll(contract.keySet());
        code.readers().forEach(r -> topics.add(r.topic()));
        for (String topic : topics) {
            Set<String> writers = code.writers().getOrDefault(topic, Set.of());
            KafkaAccess.Channel channel = contract.get(topic);
            if (writers.size() > 1) {
                violations.add(
                        "topic " + topic + " is written by " + writers + " in the code; it must have one writer");
            }
            if (channel == null) {
                violations.add("topic " + topic + " is used by the code but is no channel of the AsyncAPI document");
            } else {
                if (!Set.of(channel.producer()).equals(writers)) {
                    violations.add("the AsyncAPI document names "
                            + (channel.producer().isEmpty() ? "no producer" : channel.producer()) + " for " + topic
                            + ", the code has " + (writers.isEmpty() ? "no writer" : writers));
                }
                if (!channel.consumers().equals(code.readersOf(topic))) {
                    violations.add("the AsyncAPI document names " + channel.consumers() + " as consumers of " + topic
                            + ", the code has " + code.readersOf(topic));
                }
            }
            for (String writer : writers) {
                KafkaUser user = users.get(writer);
                if (user == null) {
                    violations.add(writer + " writes " + topic + " but has no KafkaUser named " + writer);
                } else if (!allows(user, AclRuleTopicResource.class, topic, EnumSet.of(AclOperation.WRITE))) {
                    violations.add("KafkaUser " + writer + " may not write " + topic + ", which its code publishes to");
                }
            }
            Set<String> consumers = channel == null ? Set.of() : channel.consumers();
            users.forEach((name, user) -> {
                if (!writers.contains(name) && allowsAny(user, AclRuleTopicResource.class, topic, CHANGES)) {
                    violations.add("KafkaUser " + name + " may write " + topic + ", which only "
                            + (writers.isEmpty() ? "nobody" : String.join(", ", writers)) + " writes");
                }
                if (!consumers.contains(name) && allowsAny(user, AclRuleTopicResource.class, topic, READS)) {
                    violations.add("KafkaUser " + name + " may read " + topic
                            + ", but the AsyncAPI document names only " + consumers + " as its consumers");
                }
            });
        }
        for (KafkaAccess.Reader reader : code.readers()) {
            KafkaUser user = users.get(reader.service());
            if (user == null) {
                violations.add(reader.service() + " reads " + reader.topic() + " but has no KafkaUser named "
                        + reader.service());
                continue;
            }
            if (!allows(user, AclRuleTopicResource.class, reader.topic(), EnumSet.of(AclOperation.READ))) {
                violations.add("KafkaUser " + reader.service() + " may not read " + reader.topic()
                        + ", which its code consumes");
            }
            String group = effectiveGroup(objects, reader);
            boolean groupAllowed = group.endsWith("-*")
                    ? prefixGroupAllowed(user, group.substring(0, group.length() - 1))
                    : allows(user, AclRuleGroupResource.class, group, EnumSet.of(AclOperation.READ));
            if (!groupAllowed) {
                violations.add("KafkaUser " + reader.service() + " may not use consumer group " + group
                        + ", under which it reads " + reader.topic());
            }
        }
        users.forEach((name, user) -> {
            for (AclRule rule : rules(user)) {
                if (rule.getType() != AclRuleType.DENY && rule.getResource() instanceof AclRuleClusterResource) {
                    violations.add("KafkaUser " + name + " holds " + operations(rule) + " on the whole cluster");
                }
            }
        });
        return violations;
    }

    // ---------------------------------------------------------------- clients

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

    // ---------------------------------------------------------------- helpers

    private static Map<String, KafkaUser> users(List<HasMetadata> objects, List<String> violations) {
        Map<String, KafkaUser> users = new TreeMap<>();
        for (GenericKubernetesResource object : ManifestPolicies.custom(objects, "KafkaUser")) {
            KafkaUser user = StrimziResources.parse(object, KafkaUser.class).resource();
            if (user == null) {
                continue;
            }
            String name = object.getMetadata().getName();
            if (user.getSpec() == null || user.getSpec().getAuthentication() == null) {
                violations.add("KafkaUser " + name + " has no authentication, so it gets no credentials");
            }
            if (user.getSpec() == null
                    || !(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple)) {
                violations.add("KafkaUser " + name + " has no simple authorization, so it gets no ACLs");
            }
            users.put(name, user);
        }
        return users;
    }

    private static List<AclRule> rules(KafkaUser user) {
        if (user.getSpec() != null
                && user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple) {
            return Objects.requireNonNullElse(simple.getAcls(), List.of());
        }
        return List.of();
    }

    @SuppressWarnings("deprecation")
    private static Set<AclOperation> operations(AclRule rule) {
        Set<AclOperation> operations = EnumSet.noneOf(AclOperation.class);
        if (rule.getOperations() != null) {
            operations.addAll(rule.getOperations());
        }
        if (rule.getOperation() != null) {
            operations.add(rule.getOperation());
        }
        return operations;
    }

    /** True when an ALLOW rule on a resource of that type covering {@code name} grants one of the operations. */
    private static boolean allowsAny(KafkaUser user, Class<?> resourceType, String name, Set<AclOperation> wanted) {
        for (AclRule rule : rules(user)) {
            if (rule.getType() == AclRuleType.DENY || !resourceType.isInstance(rule.getResource())) {
                continue;
            }
            if (covers(rule, name) && operations(rule).stream().anyMatch(wanted::contains)) {
                return true;
            }
        }
        return false;
    }

    /** True when the user may do every one of the operations (ALL counts for each) on {@code name}. */
    private static boolean allows(KafkaUser user, Class<?> resourceType, String name, Set<AclOperation> wanted) {
        return wanted.stream().allMatch(op -> allowsAny(user, resourceType, name, EnumSet.of(op, AclOperation.ALL)));
    }

    /** A group named per pod: only a prefix rule at least as wide as {@code prefix} lets every pod in. */
    private static boolean prefixGroupAllowed(KafkaUser user, String prefix) {
        return rules(user).stream()
                .filter(r -> r.getType() != AclRuleType.DENY && r.getResource() instanceof AclRuleGroupResource)
                .filter(r -> operations(r).contains(AclOperation.READ)
                        || operations(r).contains(AclOperation.ALL))
                .anyMatch(r -> {
                    AclRuleGroupResource group = (AclRuleGroupResource) r.getResource();
                    return group.getPatternType() == AclResourcePatternType.PREFIX
                            && prefix.startsWith(group.getName());
                });
    }

    private static boolean covers(AclRule rule, String name) {
        String resource;
        AclResourcePatternType pattern;
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            resource = topic.getName();
            pattern = topic.getPatternType();
        } else if (rule.getResource() instanceof AclRuleGroupResource group) {
            resource = group.getName();
            pattern = group.getPatternType();
        } else {
            return false;
        }
        if (pattern == AclResourcePatternType.PREFIX) {
            return name.startsWith(resource);
        }
        return resource.equals("*") || resource.equals(name);
    }

    /**
     * The group a reader uses in its Deployment: the configured default, or what the Deployment sets
     * for the group's variable; {@code <deployment>-*} when that is the pod's name.
     */
    private static String effectiveGroup(List<HasMetadata> objects, KafkaAccess.Reader reader) {
        KafkaAccess.Group group = reader.group();
        if (group.variable() == null) {
            return group.value();
        }
        Optional<Deployment> deployment = ManifestPolicies.of(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(reader.service()))
                .findFirst();
        if (deployment.isEmpty()) {
            return group.value();
        }
        EnvVar set = environment(objects, deployment.get()).get(group.variable());
        if (set == null) {
            return group.value();
        }
        if (set.getValueFrom() != null
                && set.getValueFrom().getFieldRef() != null
                && set.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name")) {
            return reader.service() + "-*";
        }
        return Objects.requireNonNullElse(set.getValue(), group.value());
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
    static Map<String, String> bootstrapVariables(java.nio.file.Path repositoryRoot) {
        Map<String, String> variables = new TreeMap<>();
        for (java.nio.file.Path module : ServiceConfigs.modules(repositoryRoot)) {
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
                boolean toKafka = Objects.requireNonNullElse(
                                rule.getTo(),
                                List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer>of())
                        .stream()
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
