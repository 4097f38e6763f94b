package dev.tessera.gateway.openapi;

import dev.tessera.gateway.proxy.BackendCalls;
import dev.tessera.gateway.proxy.Backends;
import dev.tessera.gateway.proxy.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The whole platform's API in one OpenAPI 3 document: every backend's own document fetched live,
 * its paths rewritten to the gateway's public prefixes and its component names prefixed with the
 * service name, so two services' {@code Problem} or {@code Page} schemas never collide. A backend
 * that cannot be reached is listed under {@code x-tessera-unavailable} instead of failing the
 * document.
 */
@Path("/openapi")
public class AggregatedOpenApi {

    @Inject
    BackendCalls calls;

    @Inject
    Backends backends;

    @Inject
    RouteTable routes;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The aggregated OpenAPI document of every Tessera service behind the gateway")
    public CompletionStage<String> document() {
        List<String> names = backends.all().keySet().stream()
                .filter(name -> backends.get(name).config().api())
                .toList();
        List<Future<BackendCalls.Result>> fetches = new ArrayList<>();
        for (String name : names) {
            fetches.add(calls.get(name, backends.get(name).config().openapiPath(), null, null));
        }
        return Future.join(fetches)
                .transform(ignored -> Future.succeededFuture(merge(names, fetches)))
                .toCompletionStage();
    }

    private String merge(List<String> names, List<Future<BackendCalls.Result>> fetches) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        JsonArray tags = new JsonArray();
        JsonArray unavailable = new JsonArray();
        for (int i = 0; i < names.size(); i++) {
            String service = names.get(i);
            BackendCalls.Result result = fetches.get(i).result();
            JsonObject doc;
            try {
                doc = result != null && result.available() && result.status() == 200
                        ? new JsonObject(result.body())
                        : null;
            } catch (RuntimeException e) {
                doc = null;
            }
            if (doc == null) {
                unavailable.add(service);
                continue;
            }
            String prefix = service + "_";
            JsonObject renamed = (JsonObject) renameRefs(doc, prefix);
            JsonObject ownPaths = renamed.getJsonObject("paths", new JsonObject());
            for (String path : ownPaths.fieldNames()) {
                String publicPath = publicPath(service, path);
                if (publicPath != null) {
                    paths.put(publicPath, ownPaths.getValue(path));
                }
            }
            JsonObject ownComponents = renamed.getJsonObject("components", new JsonObject());
            for (String kind : ownComponents.fieldNames()) {
                if (kind.equals("securitySchemes")) {
                    continue;
                }
                JsonObject target = components.getJsonObject(kind);
                if (target == null) {
                    target = new JsonObject();
                    components.put(kind, target);
                }
                JsonObject entries = ownComponents.getJsonObject(kind);
                for (String name : entries.fieldNames()) {
                    target.put(prefix + name, entries.getValue(name));
                }
            }
            JsonArray ownTags = renamed.getJsonArray("tags", new JsonArray());
            ownTags.forEach(tags::add);
        }
        components.put(
                "securitySchemes",
                new JsonObject()
                        .put(
                                "bearer",
                                new JsonObject()
                                        .put("type", "http")
                                        .put("scheme", "bearer")
                                        .put("bearerFormat", "JWT")
                                        .put("description", "An access token from the Keycloak realm 'tessera'.")));
        JsonObject doc = new JsonObject()
                .put("openapi", "3.0.3")
                .put(
                        "info",
                        new JsonObject()
                                .put("title", "Tessera")
                                .put("version", "1.0")
                                .put(
                                        "description",
                                        "Every Tessera service behind the gateway. Send an access token from the"
                                                + " realm 'tessera' as a bearer token."))
                .put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray())))
                .put("paths", paths)
                .put("components", components)
                .put("tags", tags);
        if (!unavailable.isEmpty()) {
            doc.put("x-tessera-unavailable", unavailable);
        }
        return doc.encode();
    }

    /** The public path of a backend path: the route whose backend path prefix covers it, or null. */
    private String publicPath(String service, String backendPath) {
        for (RouteTable.Match match : routes.all()) {
            if (!match.route().backend().equals(service)) {
                continue;
            }
            String servedAt = match.route().rewrite().orElse(match.route().prefix());
            if (backendPath.equals(servedAt) || backendPath.startsWith(servedAt + "/")) {
                String viaRewrite = match.route().prefix() + backendPath.substring(servedAt.length());
                return viaRewrite;
            }
        }
        return null;
    }

    private static Object renameRefs(Object node, String prefix) {
        if (node instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            for (Map.Entry<String, Object> e : object) {
                Object value = e.getValue();
                if (e.getKey().equals("$ref") && value instanceof String ref && ref.startsWith("#/components/")) {
                    int slash = ref.indexOf('/', "#/components/".length());
                    copy.put("$ref", ref.substring(0, slash + 1) + prefix + ref.substring(slash + 1));
                } else {
                    copy.put(e.getKey(), renameRefs(value, prefix));
                }
            }
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(v -> copy.add(renameRefs(v, prefix)));
            return copy;
        }
        return node;
    }
}
