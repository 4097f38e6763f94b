package dev.tessera.governance.policy.config;

import dev.tessera.governance.policy.engine.PolicyLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one run of one policy may cost; see {@link PolicyLimits} for how each limit is counted. */
@ConfigMapping(prefix = "tessera.governance.policy")
public interface PolicyConfig {

    /** Cost units one run may spend; expressions whose worst case is higher are refused on save and dry run. */
    @WithDefault("10000000")
    long maxCost();

    /** Longest string, in characters, a run may read or build. */
    @WithDefault("100000")
    int maxStringLength();

    /** Most elements of a list (or entries of a map) a run may read or build. */
    @WithDefault("10000")
    int maxListSize();

    /** Most iterations all comprehensions of one run may make together. */
    @WithDefault("10000")
    int maxIterations();

    /** The limits as the engine takes them. */
    default PolicyLimits limits() {
        return new PolicyLimits(maxCost(), maxStringLength(), maxListSize(), maxIterations());
    }
}
