package dev.tessera.deploy.k8s;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
            violations.addAll(StrimziResources.parse(object, KafkaTopic.class).problems());
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
        EnvVar set = KafkaClientPolicies.environment(objects, deployment.get()).get(group.variable());
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
}
