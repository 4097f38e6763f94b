package dev.tessera.standards.descriptor;

/** The body exceeds {@link DescriptorParser#MAX_BYTES}; kept separate so the REST layer can answer 413 instead of 400. */
public class DescriptorTooLargeException extends DescriptorParseException {

    public DescriptorTooLargeException(int actualBytes) {
        super("Descriptor is " + actualBytes + " bytes; the limit is " + DescriptorParser.MAX_BYTES
                + " bytes. Split large contracts out of the descriptor.");
    }
}
