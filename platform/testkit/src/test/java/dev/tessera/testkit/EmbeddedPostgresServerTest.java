package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class EmbeddedPostgresServerTest {

    @Test
    void eachServiceGetsItsOwnDatabaseOnOneServer(EmbeddedPostgresServer pg) throws Exception {
        pg.ensureDatabase("svc_a");
        pg.ensureDatabase("svc_b");
        pg.ensureDatabase("svc_a");

        try (var a = DriverManager.getConnection(pg.jdbcUrl("svc_a"), pg.username(), pg.password());
                var b = DriverManager.getConnection(pg.jdbcUrl("svc_b"), pg.username(), pg.password())) {
            a.createStatement().execute("CREATE TABLE only_in_a (id int)");
            var rs = b.getMetaData().getTables(null, "public", "only_in_a", null);
            assertThat(rs.next()).isFalse();
            var version = a.createStatement().executeQuery("SHOW server_version");
            version.next();
            assertThat(version.getString(1)).isNotBlank();
        }
    }
}
