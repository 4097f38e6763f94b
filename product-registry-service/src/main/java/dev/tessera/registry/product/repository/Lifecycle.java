package dev.tessera.registry.product.repository;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a product version. Only these moves exist; anything else is refused with the
 * allowed ones listed.
 *
 * <pre>
 * DRAFT -> PENDING_APPROVAL -> PUBLISHED -> DEPRECATED -> RETIRED
 *             |
 *             +-> DRAFT (rejected or withdrawn)
 * </pre>
 */
public enum Lifecycle {
    DRAFT,
    PENDING_APPROVAL,
    PUBLISHED,
    DEPRECATED,
    RETIRED;

    private static final Map<Lifecycle, List<Lifecycle>> ALLOWED = Map.of(
            DRAFT, List.of(PENDING_APPROVAL),
            PENDING_APPROVAL, List.of(PUBLISHED, DRAFT),
            PUBLISHED, List.of(DEPRECATED),
            DEPRECATED, List.of(RETIRED),
            RETIRED, List.of());

    /** The states {@link #isUnpublished()} holds for. */
    public static final Set<Lifecycle> UNPUBLISHED = EnumSet.of(DRAFT, PENDING_APPROVAL);

    /** The states this one may move to. */
    public List<Lifecycle> allowedNext() {
        return ALLOWED.get(this);
    }

    public boolean canMoveTo(Lifecycle next) {
        return ALLOWED.get(this).contains(next);
    }

    /** True for versions whose descriptor may still change. */
    public boolean isEditable() {
        return this == DRAFT;
    }

    /**
     * True for work in progress (DRAFT, PENDING_APPROVAL): visible only to the owning domain's owners, governance
     * officers and platform admins. Every other state was published once.
     */
    public boolean isUnpublished() {
        return this == DRAFT || this == PENDING_APPROVAL;
    }

    /** True for versions consumers may rely on: the baseline for breaking-change detection. */
    public boolean isReleased() {
        return this == PUBLISHED || this == DEPRECATED;
    }

    /** The ODPS {@code status} value that reflects this state on export. */
    public String odpsStatus() {
        return switch (this) {
            case DRAFT, PENDING_APPROVAL -> "draft";
            case PUBLISHED -> "active";
            case DEPRECATED -> "deprecated";
            case RETIRED -> "retired";
        };
    }
}
