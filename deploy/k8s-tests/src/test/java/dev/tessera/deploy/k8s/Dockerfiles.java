package dev.tessera.deploy.k8s;

import java.util.ArrayList;
import java.util.List;

/** What every service's src/main/docker/Dockerfile.jvm must say: a pinned base, a non-root user, its port. */
final class Dockerfiles {

    private Dockerfiles() {}

    static List<String> check(String name, String dockerfile, int port) {
        List<String> violations = new ArrayList<>();
        List<String> lines = dockerfile.lines().map(String::strip).toList();
        List<String> bases = lines.stream()
                .filter(l -> l.toUpperCase().startsWith("FROM "))
                .map(l -> l.substring(5).strip().split("\\s+")[0])
                .toList();
        if (bases.isEmpty()) {
            violations.add(name + " has no FROM");
        }
        bases.stream()
                .filter(base -> !ImageRef.parse(base).pinned())
                .forEach(base -> violations.add(name + " builds on " + base + ", which is not pinned to a version"));
        String user = lines.stream()
                .filter(l -> l.toUpperCase().startsWith("USER "))
                .reduce((first, second) -> second)
                .map(l -> l.substring(5).strip())
                .orElse("root");
        if (user.equals("root") || user.equals("0") || user.startsWith("0:")) {
            violations.add(name + " runs as root");
        }
        if (lines.stream().noneMatch(l -> l.equals("EXPOSE " + port))) {
            violations.add(name + " does not expose port " + port);
        }
        if (lines.stream().noneMatch(l -> l.contains("target/quarkus-app/"))) {
            violations.add(name + " does not package Quarkus's fast-jar layout (target/quarkus-app)");
        }
        return violations;
    }
}
