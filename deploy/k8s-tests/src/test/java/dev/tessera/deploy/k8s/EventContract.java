package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka topics Tessera's code uses, from every place that names one: the {@link Topics}
 * constants, the AsyncAPI document's channels, and the services' own configuration (the topics their
 * incoming channels read and the topics their outbox publishes to).
 */
final class EventContract {

    private EventContract() {}

    /** Every topic named anywhere. */
    static Set<String> usedTopics(Path repositoryRoot) {
        Set<String> topics = new TreeSet<>(Topics.ALL);
        for (JsonNode channel : asyncApi().path("channels")) {
            topics.add(channel.path("address").asText());
        }
        for (Properties config : serviceConfigurations(repositoryRoot)) {
            for (String key : config.stringPropertyNames()) {
                String property = key.replaceFirst("^%[a-z]+\\.", "");
                // Incoming channels name what a service reads; the outbox relay publishes to the
                // topics its settings list.
                if (property.startsWith("mp.messaging.incoming.") && property.endsWith(".topic")) {
                    topics.add(config.getProperty(key).trim());
                }
                if (property.equals("tessera.outbox.topics") || property.equals("tessera.outbox.compacted-topics")) {
                    topics.addAll(list(config.getProperty(key)));
                }
            }
        }
        return topics;
    }

    /** The topics that must keep only the latest record per key. */
    static Set<String> compactedTopics(Path repositoryRoot) {
        Set<String> topics = new TreeSet<>(Topics.COMPACTED);
        for (JsonNode channel : asyncApi().path("channels")) {
            if (channel.path("description").asText().startsWith("Compacted")) {
                topics.add(channel.path("address").asText());
            }
        }
        for (Properties config : serviceConfigurations(repositoryRoot)) {
            for (String key : config.stringPropertyNames()) {
                if (key.replaceFirst("^%[a-z]+\\.", "").equals("tessera.outbox.compacted-topics")) {
                    topics.addAll(list(config.getProperty(key)));
                }
            }
        }
        return topics;
    }

    private static JsonNode asyncApi() {
        try (InputStream in = Topics.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the classpath (tessera-events)");
            }
            return Kustomize.YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Properties> serviceConfigurations(Path repositoryRoot) {
        return ServiceConfigs.modules(repositoryRoot).stream()
                .map(m -> {
                    Properties properties = new Properties();
                    try (var in = Files.newBufferedReader(m.resolve("src/main/resources/application.properties"))) {
                        properties.load(in);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return properties;
                })
                .toList();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty() && !t.equals("none"))
                .toList();
    }
}
