package dev.tessera.portal.lineage;

import java.util.List;

/**
 * A lineage graph laid out for drawing as SVG on the server: boxes with their places, and the curves
 * between them. Coordinates are SVG user units with the origin top left; data flows left to right.
 *
 * @param width the drawing's width
 * @param height the drawing's height
 * @param nodes every box, "N more" boxes included
 * @param edges every curve
 * @param hidden how many nodes the "N more" boxes stand for (0 when everything is drawn)
 */
public record GraphDrawing(int width, int height, List<Box> nodes, List<Curve> edges, int hidden) {

    /** What a box stands for; the template's class names follow it. */
    public enum Kind {
        PRODUCT,
        DATASET,
        /** Nodes of one column left out of the drawing, as one box that links to the whole graph. */
        MORE;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One box.
     *
     * @param key the lineage node key, or {@code more:<layer>} for an overflow box
     * @param text the box's (possibly shortened) text
     * @param description the node in words, for screen readers and the hover title
     * @param href where the box links to, or null when it is not a link
     * @param root the node the graph is around
     */
    public record Box(
            String key,
            Kind kind,
            int x,
            int y,
            int width,
            int height,
            String text,
            String description,
            String href,
            boolean root) {

        /** Where the text starts. */
        public int textX() {
            return x + 10;
        }

        /** The text's baseline, centred in the box. */
        public int textY() {
            return y + height / 2 + 5;
        }

        public String css() {
            return kind.css();
        }
    }

    /**
     * One edge as an SVG path.
     *
     * @param path the path's {@code d} attribute
     * @param back the edge runs against the flow of the drawing (a cycle or an edge within a column)
     */
    public record Curve(String from, String to, String path, boolean back) {}

    /** The {@code viewBox} attribute. */
    public String viewBox() {
        return "0 0 " + width + " " + height;
    }
}
