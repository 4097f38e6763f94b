package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who writes and who reads each Kafka topic, as the code says (each service's production
 * configuration: the outbox relay's topics and its outgoing channels are what it writes, its incoming
 * channels and its declared plain consumers ({@code <name>.topic} with {@code <name>.group-prefix})
 * what it reads, under which consumer group) and as the AsyncAPI document says
 * ({@code x-tessera-producer} and {@code x-tessera-consumers} on each channel). The broker's ACLs on
 * Kubernetes must match both.
 */
final class KafkaAccess {

    /** {@code ${NAME:default}}: a value the environment may override. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

    private KafkaAccess() {}

    /**
     * A consumer group: its configured value and, when the value is {@code ${VARIABLE:default}}, the
     * environment variable a Deployment may set instead.
     */
    record Group(String value, String variable) {

        static Group parse(String configured) {
            Matcher expression = EXPRESSION.matcher(configured.trim());
            if (expression.matches()) {
                return new Group(expression.group(2) == null ? "" : expression.group(2), expression.group(1));
            }
            return new Group(configured.trim(), null);
        }
    }

    /** A service reading a topic under a consumer group. */
    record Reader(String service, String topic, Group group) {}

    /** What the code of every service does with Kafka. */
    record Code(Map<String, Set<String>> writers, List<Reader> readers) {

        /** The services that read a topic. */
        Set<String> readersOf(String topic) {
            Set<String> services = new TreeSet<>();
            readers.stream().filter(r -> r.topic().equals(topic)).forEach(r -> services.add(r.service()));
            return services;
        }

        /** Every service that talks to Kafka at all. */
        Set<String> services() {
            Set<String> services = new TreeSet<>();
            writers.values().forEach(services::addAll);
            readers.forEach(r -> services.add(r.service()));
            return services;
        }
    }

    /** What the AsyncAPI document says of one topic. */
    record Channel(String topic, String producer, Set<String> consumers) {}

    /** The code's writers (topic to services) and readers, from every service module's configuration. */
    static Code code(Path repositoryRoot) {
        Map<String, Set<String>> writers = new TreeMap<>();
        List<Reader> readers = new ArrayList<>();
        for (Path module : ServiceConfigs.modules(repositoryRoot)) {
            String service = module.getFileName().toString();
            Map<String, String> config = production(module.resolve("src/main/resources/application.properties"));
            boolean relay = !config.getOrDefault("tessera.outbox.enabled", "true")
                    .trim()
                    .equals("false");
            for (Map.Entry<String, String> property : config.entrySet()) {
                String key = property.getKey();
                boolean outbox =
                        relay && (key.equals("tessera.outbox.topics") || key.equals("tessera.outbox.compacted-topics"));
                boolean outgoing = key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic");
                if (outbox || outgoing) {
                    for (String topic : list(property.getValue())) {
                        writers.computeIfAbsent(topic, t -> new TreeSet<>()).add(service);
                    }
                }
                // A plain consumer the service builds itself declares its topic beside the prefix of
                // its consumer groups (one group per replica): <name>.topic and <name>.group-prefix.
                if (!key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    String prefix = config.get(key.substring(0, key.length() - ".topic".length()) + ".group-prefix");
                    if (prefix != null) {
                        for (String topic : list(property.getValue())) {
                            readers.add(new Reader(service, topic, new Group(prefix.trim() + "*", null)));
                        }
                    }
                }
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                    String group = config.getOrDefault(
                            "mp.messaging.incoming." + channel + ".group.id",
                            config.getOrDefault(
                                    "mp.messaging.connector.smallrye-kafka.group.id",
                                    config.getOrDefault(
                                            "kafka.group.id",
                                            config.getOrDefault("quarkus.application.name", service))));
                    for (String topic : list(property.getValue())) {
                        readers.add(new Reader(service, topic, Group.parse(group)));
                    }
                }
            }
        }
        return new Code(writers, readers);
    }

    /** Every channel of the AsyncAPI document, by topic. */
    static Map<String, Channel> contract() {
        JsonNode document;
        try (InputStream in = Topics.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the classpath (tessera-events)");
            }
            document = Kustomize.YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Channel> channels = new TreeMap<>();
        for (JsonNode channel : document.path("channels")) {
            Set<String> consumers = new TreeSet<>();
            channel.path("x-tessera-consumers").forEach(c -> consumers.add(c.asText()));
            String topic = channel.path("address").asText();
            channels.put(
                    topic, new Channel(topic, channel.path("x-tessera-producer").asText(""), consumers));
        }
        return channels;
    }

    /**
     * Source files of the services and the platform that build a Kafka client themselves (a consumer,
     * producer or admin client) without the service's {@code kafka.*} settings (the
     * {@code default-kafka-broker} map): such a client would connect without the credentials and TLS
     * settings the Deployment gives the service, and an authenticating broker refuses it.
     */
    static List<String> clientsWithoutTheServicesSettings(Path repositoryRoot) {
        Pattern builds =
                Pattern.compile("new KafkaConsumer<|new KafkaProducer<|Admin\\.create\\(|AdminClient\\.create\\(");
        List<Path> roots = new ArrayList<>();
        ServiceConfigs.modules(repositoryRoot).forEach(m -> roots.add(m.resolve("src/main/java")));
        try (var platform = Files.list(repositoryRoot.resolve("platform"))) {
            // testkit is test infrastructure (the in-JVM broker has no authentication), never deployed.
            platform.filter(m -> !m.getFileName().toString().equals("testkit"))
                    .forEach(m -> roots.add(m.resolve("src/main/java")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    String source = Files.readString(file);
                    if (builds.matcher(source).find() && !source.contains("\"default-kafka-broker\"")) {
                        found.add(repositoryRoot.relativize(file).toString());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** The production view of a properties file: unprofiled keys, with {@code %prod.} ones taking precedence. */
    static Map<String, String> production(Path applicationProperties) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(applicationProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> effective = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                effective.putIfAbsent(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                effective.put(key.substring("%prod.".length()), properties.getProperty(key));
            }
        }
        return effective;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty() && !t.equals("none"))
                .toList();
    }
}
