package dev.tessera.events;

/**
 * Names of the CloudEvents attributes as Kafka headers in binary content mode, and the extension
 * attributes Tessera adds. Shared by producers, consumers and tests so no one spells them twice.
 */
public final class CloudEventAttributes {

    public static final String SPEC_VERSION = "1.0";
    public static final String HEADER_PREFIX = "ce_";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPECVERSION = "ce_specversion";
    public static final String DATASCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /**
     * Extension attribute name (without prefix) carrying the aggregate's monotonic version, as a
     * decimal string. Consumers compare it numerically and ignore anything at or below the last
     * value they applied.
     */
    public static final String SEQUENCE_EXTENSION = "sequence";

    public static final String SEQUENCE = HEADER_PREFIX + SEQUENCE_EXTENSION;

    private CloudEventAttributes() {}
}
