package dev.tessera.registry.product.service;

import dev.tessera.registry.contract.BreakingChangeDetector;
import dev.tessera.registry.standard.DescriptorCodec;
import dev.tessera.registry.standard.DescriptorParser;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the stateless standards helpers injectable; their schemas load once per application. */
public class StandardsProducer {

    @Produces
    @Singleton
    DescriptorParser parser() {
        return new DescriptorParser();
    }

    @Produces
    @Singleton
    DescriptorCodec codec() {
        return new DescriptorCodec();
    }

    @Produces
    @Singleton
    BreakingChangeDetector detector() {
        return new BreakingChangeDetector();
    }
}
