package dev.tessera.standards.contract;

/**
 * Rule ids reported in {@link Finding#rule()}. They are part of Tessera's public contract (other services and
 * stored review records refer to them), so existing ids are never renamed.
 */
public final class ChangeRules {

    public static final String PORT_REMOVED = "port-removed";
    public static final String PORT_ADDED = "port-added";
    public static final String PORT_VERSION_CHANGED = "port-version-changed";
    public static final String CONTRACT_REMOVED = "contract-removed";
    public static final String CONTRACT_ADDED = "contract-added";
    public static final String SERVER_CHANGED = "server-changed";
    public static final String SERVER_ADDED = "server-added";
    public static final String OBJECT_REMOVED = "object-removed";
    public static final String OBJECT_ADDED = "object-added";
    public static final String PHYSICAL_NAME_CHANGED = "physical-name-changed";
    public static final String PROPERTY_REMOVED = "property-removed";
    public static final String PROPERTY_ADDED = "property-added";
    public static final String REQUIRED_PROPERTY_ADDED = "required-property-added";
    public static final String TYPE_CHANGED = "type-changed";
    public static final String TYPE_WIDENED = "type-widened";
    public static final String TYPE_NARROWED = "type-narrowed";
    public static final String TYPE_DECLARED = "type-declared";
    public static final String OPTIONAL_TO_REQUIRED = "optional-to-required";
    public static final String REQUIRED_TO_OPTIONAL = "required-to-optional";
    public static final String PRIMARY_KEY_CHANGED = "primary-key-changed";
    public static final String CONSTRAINT_TIGHTENED = "constraint-tightened";
    public static final String CONSTRAINT_RELAXED = "constraint-relaxed";
    public static final String SLA_WEAKENED = "sla-weakened";
    public static final String SLA_CHANGED = "sla-changed";

    private ChangeRules() {}
}
