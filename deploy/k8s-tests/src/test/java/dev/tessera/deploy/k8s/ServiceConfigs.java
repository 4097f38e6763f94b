package dev.tessera.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each deployable module of the repository reads from its environment in production: the
 * {@code ${ENV}} references in its application.properties, unprofiled or {@code %prod} ({@code %prod}
 * wins for a key that has both). Modules are found, not listed: every top-level directory with a
 * src/main/resources/application.properties is a service, deployed as a Deployment of the same name.
 */
final class ServiceConfigs {

    /** {@code ${NAME}} or {@code ${NAME:default}}; the default may itself hold an expression. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(:([^}]*))?}");

    /** Defaults that only make sense on a developer's machine: the manifests must override them. */
    private static final Pattern MACHINE_LOCAL = Pattern.compile("localhost|127\\.0\\.0\\.1");

    private ServiceConfigs() {}

    /** One environment variable a module reads, with the property it feeds. */
    record EnvReference(String variable, String property, String defaultValue) {

        /**
         * True when the manifests must give it a value: it has no default, or its default points at
         * the developer's own machine (localhost), which is wrong in any cluster.
         */
        boolean needsValue() {
            return defaultValue == null || MACHINE_LOCAL.matcher(defaultValue).find();
        }
    }

    /** Configuration defaults every service inherits from platform/runtime. */
    static final String SHARED_DEFAULTS = "platform/runtime/src/main/resources/META-INF/microprofile-config.properties";

    /** Module directory name (= Deployment name) to the environment variables it needs set. */
    static Map<String, Set<String>> requiredEnvironment(Path repositoryRoot) {
        Map<String, Set<String>> required = new TreeMap<>();
        for (Path module : modules(repositoryRoot)) {
            Set<String> variables = new TreeSet<>();
            List<EnvReference> all =
                    new java.util.ArrayList<>(references(module.resolve("src/main/resources/application.properties")));
            // Every service also reads the shared defaults platform/runtime ships.
            Path shared = repositoryRoot.resolve(SHARED_DEFAULTS);
            if (Files.isRegularFile(shared)) {
                all.addAll(references(shared));
            }
            for (EnvReference reference : all) {
                if (reference.needsValue()) {
                    variables.add(reference.variable());
                }
            }
            required.put(module.getFileName().toString(), variables);
        }
        return required;
    }

    /** The deployable modules: top-level directories with a Quarkus application.properties. */
    static List<Path> modules(Path repositoryRoot) {
        try (Stream<Path> dirs = Files.list(repositoryRoot)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .filter(d -> !d.getFileName().toString().equals("benchmarks"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment references of the production configuration in one properties file. */
    static List<EnvReference> references(Path applicationProperties) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(applicationProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> effective = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith("%")) {
                effective.putIfAbsent(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                effective.put(key.substring("%prod.".length()), properties.getProperty(key));
            }
        }
        List<EnvReference> references = new ArrayList<>();
        effective.forEach((property, value) -> {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                String variable = matcher.group(1);
                // ${quarkus.http.port} and the like refer to other properties, not the environment.
                if (variable.equals(variable.toUpperCase()) && !variable.contains(".")) {
                    references.add(new EnvReference(variable, property, matcher.group(3)));
                }
            }
        });
        return references;
    }
}
