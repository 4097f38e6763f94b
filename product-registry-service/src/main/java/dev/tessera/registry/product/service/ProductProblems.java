package dev.tessera.registry.product.service;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.standards.text.UserText;
import java.util.List;
import java.util.Map;

/**
 * The problems every product operation can answer with, worded once: reads, applies and transitions say the same
 * thing about a product or version that is not there, a version that cannot change, or a version that is not one.
 */
final class ProductProblems {

    private ProductProblems() {}

    static ApiException noSuchProduct(String productId) {
        return ApiException.notFound("No product " + UserText.quote(productId) + ".");
    }

    static ApiException noSuchVersion(String productId, String version) {
        return ApiException.notFound("Product " + UserText.quote(productId) + " has no version " + version
                + "; GET its versions to see them.");
    }

    /** The 409 for a write to a version past DRAFT: the way forward is a new version. */
    static ApiException immutable(ProductVersionEntity target) {
        return new ApiException(
                ProblemType.IMMUTABLE_VERSION,
                "Version " + target.version + " is " + target.status + " and cannot change. Bump `version` in the"
                        + " descriptor to open a new draft.",
                List.of(new Problem.FieldError("/version", "version " + target.version + " is " + target.status)),
                Map.of("status", target.status.name()));
    }

    /**
     * The semantic version {@code text} spells.
     *
     * @param path where the caller wrote it, named in the 400 when it is not a semantic version
     */
    static SemanticVersion semanticVersion(String text, String path) {
        try {
            return SemanticVersion.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalidField(path, UserText.quote(text) + " is not a semantic version such as 1.4.0");
        }
    }
}
