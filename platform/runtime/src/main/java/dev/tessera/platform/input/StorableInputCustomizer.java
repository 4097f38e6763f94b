package dev.tessera.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.tessera.standards.input.StorableInput;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Makes the service's JSON reader refuse what {@link StorableInput} refuses, for every body and
 * every event it reads: a string field of a request record is a 400 naming the field, and a tree
 * (a descriptor, an OpenLineage event) is a 400 naming the rule, before anything is stored.
 */
@Singleton
public class StorableInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
        mapper.setNodeFactory(new Nodes());
    }

    /**
     * The string rule as a module, for a mapper of the service's own (a YAML reader): strings that
     * cannot be stored are refused, naming the field.
     */
    public static SimpleModule module() {
        return new SimpleModule("tessera-storable-input").addDeserializer(String.class, new Strings());
    }

    /** Strings as Jackson reads them, refused when they cannot be stored. */
    static final class Strings extends StdScalarDeserializer<String> {

        private final JsonDeserializer<String> delegate = StringDeserializer.instance;

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = delegate.deserialize(p, ctxt);
            if (value != null && !StorableInput.storable(value)) {
                throw ctxt.weirdStringException(value, String.class, StorableInput.UNSTORABLE_TEXT);
            }
            return value;
        }
    }

    /** The tree factory, refusing text and numbers that cannot be stored. */
    static final class Nodes extends JsonNodeFactory {

        Nodes() {
            super(false);
        }

        @Override
        public TextNode textNode(String text) {
            if (text != null && !StorableInput.storable(text)) {
                throw new UnstorableInputException("A string in the body " + StorableInput.UNSTORABLE_TEXT + ".");
            }
            return super.textNode(text);
        }

        @Override
        public NumericNode numberNode(double v) {
            return super.numberNode(finite(v));
        }

        @Override
        public NumericNode numberNode(float v) {
            return super.numberNode((float) finite(v));
        }

        @Override
        public ValueNode numberNode(Double value) {
            return super.numberNode(value == null ? null : finite(value));
        }

        @Override
        public ValueNode numberNode(BigDecimal v) {
            if (v != null && !StorableInput.storable(v)) {
                throw new UnstorableInputException("A number in the body " + StorableInput.UNSTORABLE_NUMBER + ".");
            }
            return super.numberNode(v);
        }

        private static double finite(double v) {
            if (!StorableInput.storable(v)) {
                throw new UnstorableInputException("A number in the body " + StorableInput.UNSTORABLE_NUMBER + ".");
            }
            return v;
        }
    }
}
