package dev.tessera.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for plain (non-Quarkus) tests: resolves {@link EmbeddedKafka} and
 * {@link EmbeddedPostgresServer} parameters with the shared real servers, starting them on first
 * use. Use with {@code @ExtendWith(RealInfrastructureExtension.class)}.
 */
public class RealInfrastructureExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == EmbeddedPostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class
                ? SharedInfrastructure.kafka()
                : SharedInfrastructure.postgres();
    }
}
