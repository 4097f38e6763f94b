package dev.tessera.deploy.k8s;

/** A container image reference split into name, tag and digest (either may be absent). */
record ImageRef(String name, String tag, String digest) {

    static ImageRef parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageRef(rest, tag, digest);
    }

    /** Pinned: a digest, or a tag other than {@code latest}. */
    boolean pinned() {
        return digest != null || (tag != null && !tag.isBlank() && !tag.equals("latest"));
    }
}
