package dev.tessera.registry.security;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The platform's security table, run against the registry called directly (no gateway in front). */
@QuarkusTest
@RegistryTestResources
class SecurityTableTest extends ServiceSecurityTable {

    @Override
    protected String listPath() {
        return "/api/registry/v1/products";
    }

    @Override
    protected String adminWritePath() {
        return "/api/registry/v1/domains";
    }

    @Override
    protected String adminWriteBody() {
        return "{\"id\":\"sec-table\",\"name\":\"Security table\",\"ownerGroup\":\"/domains/sec-table\"}";
    }

    @Override
    protected int pageSizeCap() {
        return 200;
    }

    /**
     * Tops the product list up to one more product than a page holds (in a domain of their own), a few
     * at a time: applying a descriptor is the slow part of this table.
     */
    @Override
    protected void fillListBeyondThePageSizeCap() {
        var page = Api.admin()
                .queryParam("limit", pageSizeCap())
                .get(Api.BASE + "/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        if (page.getString("next") != null) {
            return;
        }
        int missing = pageSizeCap() + 1 - page.getList("items").size();
        String domain = Api.newDomain("page");
        String owner = TestTokens.domainOwner(domain);
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> applies = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                applies.add(writers.submit(() -> {
                    String id = Api.newProductId("page");
                    Api.applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0"))
                            .then()
                            .statusCode(201);
                }));
            }
            for (Future<?> apply : applies) {
                apply.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("filling the product list failed", e.getCause());
        }
    }

    /** The filler's products are drafts, which consumers do not see; governance officers see them all. */
    @Override
    protected String pageSizeReader() {
        return TestTokens.governanceOfficer();
    }

    @Override
    protected List<String> adminOnlyReadPaths() {
        return List.of("/api/registry/v1/audit");
    }
}
