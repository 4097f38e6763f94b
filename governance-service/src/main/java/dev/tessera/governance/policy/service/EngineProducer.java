package dev.tessera.governance.policy.service;

import dev.tessera.governance.policy.config.PolicyConfig;
import dev.tessera.governance.policy.engine.CelPolicyCompiler;
import dev.tessera.governance.policy.engine.PolicyEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The CEL compiler and evaluator are plain classes (the benchmark uses them too); here they become beans. */
@ApplicationScoped
public class EngineProducer {

    @Produces
    @Singleton
    CelPolicyCompiler compiler(PolicyConfig config) {
        return new CelPolicyCompiler(config.limits());
    }

    @Produces
    @Singleton
    PolicyEvaluator evaluator() {
        return new PolicyEvaluator();
    }
}
