package dev.tessera.catalog.support;

import dev.tessera.testkit.KafkaTestResource;
import dev.tessera.testkit.OidcTestResource;
import dev.tessera.testkit.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The real infrastructure every catalog test runs against: Kafka, PostgreSQL, trusted test tokens. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@WithTestResource(value = OidcTestResource.class)
public @interface CatalogTestResources {}
