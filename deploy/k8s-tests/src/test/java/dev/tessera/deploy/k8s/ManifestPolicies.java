package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every rendering of deploy/k8s must keep. Each check returns the violations it found,
 * one readable sentence each, so a test can assert "none" and a negative test can assert "this one".
 */
final class ManifestPolicies {

    /** The Services that may be reached from outside the cluster through an Ingress. */
    static final Set<String> PUBLIC_SERVICES = Set.of("gateway", "keycloak-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HEALTH = Map.of(
            "startup", "/q/health/started",
            "liveness", "/q/health/live",
            "readiness", "/q/health/ready");

    private ManifestPolicies() {}

    // ---------------------------------------------------------------- workloads

    /** Probes on the Quarkus health endpoints, requests and limits, a locked-down security context. */
    static List<String> workloadHardening(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Deployment deployment : of(objects, Deployment.class)) {
            String name = "Deployment " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            if (pod.getTopologySpreadConstraints() == null
                    || pod.getTopologySpreadConstraints().isEmpty()) {
                violations.add(name + " has no topologySpreadConstraints");
            }
            for (Container container : pod.getContainers()) {
                String where = name + " container " + container.getName();
                probe(violations, where, "startup", container.getStartupProbe());
                probe(violations, where, "liveness", container.getLivenessProbe());
                probe(violations, where, "readiness", container.getReadinessProbe());
                resources(violations, where, container.getResources());
                security(violations, where, container.getSecurityContext(), podSecurity);
                if (!writableTmp(container, pod)) {
                    violations.add(where + " has no emptyDir mounted at /tmp (its root filesystem is read-only)");
                }
            }
        }
        return violations;
    }

    private static void probe(List<String> violations, String where, String kind, Probe probe) {
        String expected = HEALTH.get(kind);
        if (probe == null) {
            violations.add(where + " has no " + kind + " probe");
        } else if (probe.getHttpGet() == null
                || !expected.equals(probe.getHttpGet().getPath())) {
            violations.add(where + "'s " + kind + " probe does not ask " + expected);
        }
    }

    private static void resources(List<String> violations, String where, ResourceRequirements resources) {
        for (String section : List.of("requests", "limits")) {
            Map<String, ?> quantities = resources == null
                    ? null
                    : section.equals("requests") ? resources.getRequests() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (quantities == null || !quantities.containsKey(resource)) {
                    violations.add(where + " has no " + resource + " " + section);
                }
            }
        }
    }

    private static void security(
            List<String> violations, String where, SecurityContext container, PodSecurityContext pod) {
        if (container == null) {
            violations.add(where + " has no securityContext");
            return;
        }
        boolean nonRoot = Boolean.TRUE.equals(container.getRunAsNonRoot())
                || (container.getRunAsNonRoot() == null && pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
        if (!nonRoot) {
            violations.add(where + " may run as root (runAsNonRoot is not true)");
        }
        if (!Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            violations.add(where + " has a writable root filesystem");
        }
        if (!Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            violations.add(where + " allows privilege escalation");
        }
        if (container.getCapabilities() == null
                || container.getCapabilities().getDrop() == null
                || !container.getCapabilities().getDrop().contains("ALL")) {
            violations.add(where + " does not drop ALL capabilities");
        }
        String seccomp = container.getSeccompProfile() != null
                ? container.getSeccompProfile().getType()
                : pod != null && pod.getSeccompProfile() != null
                        ? pod.getSeccompProfile().getType()
                        : null;
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            violations.add(where + " has no RuntimeDefault seccomp profile");
        }
    }

    private static boolean writableTmp(Container container, PodSpec pod) {
        List<VolumeMount> mounts = Objects.requireNonNullElse(container.getVolumeMounts(), List.of());
        List<Volume> volumes = Objects.requireNonNullElse(pod.getVolumes(), List.of());
        return mounts.stream().filter(m -> m.getMountPath().equals("/tmp")).anyMatch(m -> volumes.stream()
                .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
    }

    /** Each Deployment comes with its Service, ServiceAccount, PodDisruptionBudget, autoscaler and NetworkPolicy. */
    static List<String> workloadCompanions(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Deployment deployment : of(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            if (account == null
                    || of(objects, ServiceAccount.class).stream()
                            .noneMatch(a -> a.getMetadata().getName().equals(account))) {
                violations.add("Deployment " + name + " has no ServiceAccount of its own");
            }
            if (of(objects, Service.class).stream()
                    .noneMatch(s -> selects(s.getSpec().getSelector(), podLabels))) {
                violations.add("Deployment " + name + " has no Service");
            }
            if (of(objects, PodDisruptionBudget.class).stream()
                    .noneMatch(p -> selects(p.getSpec().getSelector(), podLabels))) {
                violations.add("Deployment " + name + " has no PodDisruptionBudget");
            }
            if (of(objects, HorizontalPodAutoscaler.class).stream()
                    .noneMatch(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(name))) {
                violations.add("Deployment " + name + " has no HorizontalPodAutoscaler");
            }
            if (of(objects, NetworkPolicy.class).stream()
                    .noneMatch(p -> selects(p.getSpec().getPodSelector(), podLabels)
                            && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))) {
                violations.add("Deployment " + name + " has no NetworkPolicy governing its ingress and egress");
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------- network exposure

    /**
     * Only the gateway (and Keycloak's login pages) are reachable from outside; a service admits
     * only the gateway and Prometheus, and reaches only DNS, Keycloak, the collector, Kafka and its
     * own database (the catalog also the public internet for webhooks, never private ranges). The
     * portal is a service the gateway reaches and that reaches the gateway back (its pages call the
     * APIs through it), nothing else of the platform.
     */
    static List<String> networkExposure(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (Ingress ingress : of(objects, Ingress.class)) {
            Stream.concat(
                            Stream.ofNullable(ingress.getSpec().getDefaultBackend()),
                            ingress.getSpec().getRules().stream()
                                    .flatMap(r -> r.getHttp().getPaths().stream())
                                    .map(p -> p.getBackend()))
                    .map(IngressBackend::getService)
                    .filter(s -> s == null || !PUBLIC_SERVICES.contains(s.getName()))
                    .forEach(s ->
                            violations.add("Ingress " + ingress.getMetadata().getName() + " exposes "
                                    + (s == null ? "a non-Service backend" : s.getName())));
        }
        for (Service service : of(objects, Service.class)) {
            String type = service.getSpec().getType();
            if (type != null && !type.equals("ClusterIP")) {
                violations.add("Service " + service.getMetadata().getName() + " is of type " + type);
            }
        }
        for (Deployment deployment : of(objects, Deployment.class)) {
            Map<String, String> labels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean gateway = "gateway".equals(labels.get("tessera.dev/role"));
            boolean portal = "portal".equals(labels.get("tessera.dev/role"));
            Set<String> ownDatabases = databasesOf(deployment);
            for (NetworkPolicy policy : of(objects, NetworkPolicy.class)) {
                if (!selects(policy.getSpec().getPodSelector(), labels)) {
                    continue;
                }
                String where = "NetworkPolicy " + policy.getMetadata().getName();
                for (var rule : Objects.requireNonNullElse(
                        policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        violations.add(where + " admits traffic from anywhere");
                    }
                    for (NetworkPolicyPeer peer :
                            Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of())) {
                        boolean fromGateway = peer.getNamespaceSelector() == null
                                && labelOf(peer.getPodSelector(), "app.kubernetes.io/name")
                                        .equals("gateway");
                        boolean fromMonitoring = labelOf(peer.getNamespaceSelector(), "tessera.dev/monitoring")
                                .equals("true");
                        boolean fromIngressController = gateway
                                && labelOf(peer.getNamespaceSelector(), "tessera.dev/ingress")
                                        .equals("true");
                        boolean fromPortal = gateway
                                && peer.getNamespaceSelector() == null
                                && labelOf(peer.getPodSelector(), "tessera.dev/role")
                                        .equals("portal");
                        if (!(fromGateway || fromMonitoring || fromIngressController || fromPortal)
                                || peer.getIpBlock() != null) {
                            violations.add(where + " admits " + describe(peer));
                        }
                    }
                }
                for (var rule :
                        Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())) {
                    if (rule.getTo() == null || rule.getTo().isEmpty()) {
                        violations.add(where + " lets its pods reach anything");
                    }
                    for (NetworkPolicyPeer peer :
                            Objects.requireNonNullElse(rule.getTo(), List.<NetworkPolicyPeer>of())) {
                        if (!allowedEgress(peer, gateway, portal, ownDatabases)) {
                            violations.add(
                                    where + " lets " + deployment.getMetadata().getName() + " reach " + describe(peer));
                        }
                    }
                }
            }
        }
        return violations;
    }

    private static boolean allowedEgress(
            NetworkPolicyPeer peer, boolean gateway, boolean portal, Set<String> ownDatabases) {
        if (peer.getIpBlock() != null) {
            List<String> except = Objects.requireNonNullElse(peer.getIpBlock().getExcept(), List.of());
            return except.containsAll(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"));
        }
        String pod = labelOf(peer.getPodSelector(), "k8s-app")
                + "|" + labelOf(peer.getPodSelector(), "app")
                + "|" + labelOf(peer.getPodSelector(), "app.kubernetes.io/component")
                + "|" + labelOf(peer.getPodSelector(), "strimzi.io/kind")
                + "|" + labelOf(peer.getPodSelector(), "cnpg.io/cluster")
                + "|" + labelOf(peer.getPodSelector(), "tessera.dev/role");
        boolean dns = pod.startsWith("kube-dns|");
        boolean keycloak = pod.contains("|keycloak|");
        boolean collector = pod.contains("|opentelemetry-collector|");
        boolean kafka = pod.contains("|Kafka|");
        String database = labelOf(peer.getPodSelector(), "cnpg.io/cluster");
        boolean ownDatabase = !database.isEmpty() && ownDatabases.contains(database);
        boolean services = gateway && (pod.endsWith("|service") || pod.endsWith("|portal"));
        boolean theGateway = portal && pod.endsWith("|gateway");
        boolean sameNamespaceOrDns = peer.getNamespaceSelector() == null || dns;
        return sameNamespaceOrDns && (dns || keycloak || collector || kafka || ownDatabase || services || theGateway);
    }

    /** The CloudNativePG clusters whose credentials Secret ({@code <cluster>-app}) the Deployment reads. */
    private static Set<String> databasesOf(Deployment deployment) {
        Set<String> clusters = new HashSet<>();
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    String secret = env.getValueFrom().getSecretKeyRef().getName();
                    if (secret.endsWith("-app")) {
                        clusters.add(secret.substring(0, secret.length() - "-app".length()));
                    }
                }
            }
        }
        return clusters;
    }

    // ---------------------------------------------------------------- topics

    /** A KafkaTopic for every topic the code uses, compacted where the contract says so. */
    static List<String> topics(List<HasMetadata> objects, Collection<String> used, Collection<String> compacted) {
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> declared = new HashMap<>();
        for (GenericKubernetesResource topic : custom(objects, "KafkaTopic")) {
            JsonNode spec = tree(topic).path("spec");
            declared.put(spec.path("topicName").asText(topic.getMetadata().getName()), spec);
        }
        for (String topic : new TreeSet<>(used)) {
            JsonNode spec = declared.get(topic);
            if (spec == null) {
                violations.add("topic " + topic + " is used by the code but has no KafkaTopic");
                continue;
            }
            boolean isCompacted =
                    spec.path("config").path("cleanup.policy").asText("delete").contains("compact");
            if (compacted.contains(topic) && !isCompacted) {
                violations.add("topic " + topic + " must be compacted (cleanup.policy: compact)");
            } else if (!compacted.contains(topic) && isCompacted) {
                violations.add("topic " + topic + " is compacted, but the event contract does not say so");
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Every environment variable a module needs (see {@link ServiceConfigs}) is set on the container
     * of its Deployment, directly or through a ConfigMap it takes whole ({@code envFrom}).
     */
    static List<String> configuration(List<HasMetadata> objects, Map<String, Set<String>> requiredByModule) {
        List<String> violations = new ArrayList<>();
        requiredByModule.forEach((module, required) -> {
            Optional<Deployment> deployment = of(objects, Deployment.class).stream()
                    .filter(d -> d.getMetadata().getName().equals(module))
                    .findFirst();
            if (deployment.isEmpty()) {
                violations.add("module " + module + " has no Deployment named " + module);
                return;
            }
            Set<String> provided = provided(objects, deployment.get());
            for (String variable : required) {
                if (!provided.contains(variable)) {
                    violations.add("Deployment " + module + " does not set " + variable
                            + ", which its application.properties reads");
                }
            }
        });
        return violations;
    }

    private static Set<String> provided(List<HasMetadata> objects, Deployment deployment) {
        Set<String> provided = new HashSet<>();
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                provided.add(env.getName());
            }
            for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
                if (source.getConfigMapRef() != null) {
                    String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
                    of(objects, ConfigMap.class).stream()
                            .filter(c -> c.getMetadata()
                                    .getName()
                                    .equals(source.getConfigMapRef().getName()))
                            .flatMap(c ->
                                    Objects.requireNonNullElse(c.getData(), Map.<String, String>of()).keySet().stream())
                            .forEach(key -> provided.add(prefix + key));
                }
            }
        }
        return provided;
    }

    // ---------------------------------------------------------------- images

    /** Every image is pinned: a tag that is not {@code latest}, or a digest. */
    static List<String> pinnedImages(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            String where = object.getKind() + " " + object.getMetadata().getName();
            images(tree(object)).forEach(image -> {
                if (!ImageRef.parse(image).pinned()) {
                    violations.add(where + " uses image " + image + ", which is not pinned to a version");
                }
            });
        }
        return violations;
    }

    /** Container images, and the image fields of operator resources (spec.image, spec.imageName). */
    private static List<String> images(JsonNode object) {
        List<String> images = new ArrayList<>();
        collectContainerImages(object, images);
        JsonNode spec = object.path("spec");
        for (String field : List.of("image", "imageName")) {
            if (spec.path(field).isTextual()) {
                images.add(spec.get(field).asText());
            }
        }
        return images;
    }

    private static void collectContainerImages(JsonNode node, List<String> images) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    field.getValue().forEach(c -> images.add(c.path("image").asText("")));
                } else {
                    collectContainerImages(field.getValue(), images);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectContainerImages(element, images));
        }
    }

    // ---------------------------------------------------------------- secrets

    /** No Secret objects and no credential written as a plain value: the repository holds references only. */
    static List<String> noSecretValues(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object.getKind().equals("Secret")) {
                violations.add("Secret " + object.getMetadata().getName() + " has its values in the repository");
            }
        }
        Pattern credential = Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY$");
        for (ConfigMap map : of(objects, ConfigMap.class)) {
            Objects.requireNonNullElse(map.getData(), Map.<String, String>of()).keySet().stream()
                    .filter(key -> credential.matcher(key).find())
                    .forEach(key ->
                            violations.add("ConfigMap " + map.getMetadata().getName() + " holds " + key));
        }
        for (Deployment deployment : of(objects, Deployment.class)) {
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    if (credential.matcher(env.getName()).find() && env.getValue() != null) {
                        violations.add("Deployment " + deployment.getMetadata().getName() + " sets " + env.getName()
                                + " as a plain value");
                    }
                }
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------- helpers

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> custom(List<HasMetadata> objects, String kind) {
        return of(objects, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .toList();
    }

    static JsonNode tree(HasMetadata object) {
        try {
            return JSON.readTree(Renderings.SERIALIZATION.asJson(object));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty())
                && selects(selector.getMatchLabels(), labels);
    }

    private static String labelOf(LabelSelector selector, String label) {
        return selector == null || selector.getMatchLabels() == null
                ? ""
                : selector.getMatchLabels().getOrDefault(label, "");
    }

    private static String describe(NetworkPolicyPeer peer) {
        return Renderings.SERIALIZATION.asJson(peer);
    }

    static Predicate<HasMetadata> named(String kind, String name) {
        return o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name);
    }
}
