package dev.tessera.deploy.k8s;

/** A kustomization this renderer cannot build: broken, or outside the subset it supports. */
final class KustomizeException extends RuntimeException {

    KustomizeException(String message) {
        super(message);
    }

    KustomizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
