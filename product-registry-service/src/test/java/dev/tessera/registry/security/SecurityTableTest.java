package dev.tessera.registry.security;

import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import io.quarkus.test.junit.QuarkusTest;

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

    @Override
    protected java.util.List<String> adminOnlyReadPaths() {
        return java.util.List.of("/api/registry/v1/audit");
    }
}
