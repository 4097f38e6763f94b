package dev.tessera.lineage.usage.model;

/**
 * How consumers are told apart: a product when one is known (the product an input port or a grant
 * names, or the product an observed job belongs to), otherwise the observed job or the grant's
 * subject. The prefixes keep the three apart whatever the ids look like.
 */
public final class ConsumerKeys {

    private ConsumerKeys() {}

    public static String product(String productId) {
        return "product:" + productId;
    }

    public static String job(String job) {
        return "job:" + job;
    }

    public static String subject(String subject) {
        return "subject:" + subject;
    }
}
