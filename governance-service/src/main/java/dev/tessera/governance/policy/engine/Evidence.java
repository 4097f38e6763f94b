package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** Keeps evidence small: it is built for every product on every pass and stored with each outcome. */
final class Evidence {

    private static final int MAX_TEXT = 300;

    private static final int MAX_ENTRIES = 5;

    private Evidence() {}

    /** The value as evidence: long texts are cut, containers larger than a few entries are counted. */
    static JsonNode summary(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (value.isTextual() && value.textValue().length() > MAX_TEXT) {
            return JsonNodeFactory.instance.textNode(value.textValue().substring(0, MAX_TEXT) + "...");
        }
        // Counted by entries, not by rendering them.
        if (value.isContainerNode() && value.size() > MAX_ENTRIES) {
            return JsonNodeFactory.instance.textNode((value.isArray() ? "array of " : "object with ")
                    + value.size()
                    + (value.isArray() ? " items" : " fields"));
        }
        return value;
    }
}
