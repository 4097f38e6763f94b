package dev.tessera.standards.descriptor;

/** A YAML stream holds more than {@link DescriptorParser#MAX_DOCUMENTS} documents; refused before any is parsed. */
public class TooManyDocumentsException extends DescriptorParseException {

    public TooManyDocumentsException(int documents) {
        super("The body holds " + documents + " YAML documents; the limit is " + DescriptorParser.MAX_DOCUMENTS
                + " (a product and its contracts). Send fewer contracts per call.");
    }
}
