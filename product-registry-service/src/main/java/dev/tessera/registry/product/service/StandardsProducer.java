package dev.tessera.registry.product.service;

import dev.tessera.standards.contract.BreakingChangeDetector;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.descriptor.DescriptorParser;
import dev.tessera.standards.descriptor.DescriptorRules;
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
    DescriptorRules rules(DescriptorCodec codec) {
        return new DescriptorRules(codec);
    }

    @Produces
    @Singleton
    BreakingChangeDetector detector() {
        return new BreakingChangeDetector();
    }
}
