package dev.mlproj.report;

import dev.mlproj.assess.Assessment;

/**
 * An SVG badge in shields.io's flat style: "mlproj | level 3", coloured by level. Text widths are
 * estimated from Verdana's advance widths at 11px, the font shields.io measures with, so the badge
 * looks right without a font on the machine that renders it.
 */
public final class BadgeReport implements Renderer {

    static final String LABEL = "mlproj";
    private static final int PADDING = 5;
    private static final int HEIGHT = 20;
    /** Colours of shields.io's palette, from lightgrey (not an ML project) to brightgreen (level 5). */
    private static final String[] COLOURS = {"#9f9f9f", "#fe7d37", "#dfb317", "#a4a61d", "#97ca00", "#4c1"};

    /** Verdana 11px advance widths for ASCII 32..126; other characters count as a wide glyph. */
    private static final double[] WIDTHS = {
        3.87, 4.33, 5.05, 9.0, 7.0, 11.84, 7.99, 2.95, 4.99, 4.99, 7.0, 9.0, 4.0, 4.99, 4.0, 4.99, // space to /
        7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 4.99, 4.99, 9.0, 9.0, 9.0, 6.0,          // 0 to ?
        11.0, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.0, 7.62, 6.12, 9.27, 8.23, 8.66, // @ to O
        6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.87, 7.54, 6.77, 7.54, 4.99, 4.99, 4.99, 9.0, 7.0, // P to _
        7.0, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7, 6.96, 6.68, // ` to o
        6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 8.98, 6.51, 6.51, 5.78, 6.98, 4.99, 6.98, 9.0        // p to ~
    };
    private static final double WIDE = 11.0;

    @Override
    public String render(Assessment a, ReportContext context) {
        String message = a.level() == 0 ? "not ML" : "level " + a.level();
        String title = a.level() == 0 ? LABEL + ": not a machine-learning project"
                : LABEL + ": " + message + ", " + Labels.levelName(a) + (a.researchTrack() ? " (research track)" : "");
        String colour = COLOURS[Math.max(0, Math.min(a.level(), COLOURS.length - 1))];
        int labelText = (int) Math.ceil(textWidth(LABEL));
        int messageText = (int) Math.ceil(textWidth(message));
        int labelWidth = labelText + 2 * PADDING;
        int messageWidth = messageText + 2 * PADDING;
        int width = labelWidth + messageWidth;

        Xml svg = Xml.element("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("width", width)
                .attr("height", HEIGHT).attr("role", "img").attr("aria-label", LABEL + ": " + message);
        svg.child("title").text(title);
        Xml gradient = svg.child("linearGradient").attr("id", "s").attr("x2", "0").attr("y2", "100%");
        gradient.child("stop").attr("offset", "0").attr("stop-color", "#bbb").attr("stop-opacity", ".1");
        gradient.child("stop").attr("offset", "1").attr("stop-opacity", ".1");
        svg.child("clipPath").attr("id", "r").child("rect").attr("width", width).attr("height", HEIGHT)
                .attr("rx", "3").attr("fill", "#fff");
        Xml shapes = svg.child("g").attr("clip-path", "url(#r)");
        shapes.child("rect").attr("width", labelWidth).attr("height", HEIGHT).attr("fill", "#555");
        shapes.child("rect").attr("x", labelWidth).attr("width", messageWidth).attr("height", HEIGHT).attr("fill", colour);
        shapes.child("rect").attr("width", width).attr("height", HEIGHT).attr("fill", "url(#s)");
        Xml text = svg.child("g").attr("fill", "#fff").attr("text-anchor", "middle")
                .attr("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif").attr("text-rendering", "geometricPrecision")
                .attr("font-size", "110");
        // Drawn at ten times the size and scaled down, as shields.io does, for sub-pixel placement.
        label(text, LABEL, 5 * labelWidth, labelText);
        label(text, message, 10 * labelWidth + 5 * messageWidth, messageText);
        return svg.document();
    }

    private static void label(Xml group, String s, int x, int textWidth) {
        group.child("text").attr("aria-hidden", "true").attr("x", x).attr("y", "150").attr("fill", "#010101")
                .attr("fill-opacity", ".3").attr("transform", "scale(.1)").attr("textLength", 10 * textWidth).text(s);
        group.child("text").attr("x", x).attr("y", "140").attr("transform", "scale(.1)").attr("fill", "#fff")
                .attr("textLength", 10 * textWidth).text(s);
    }

    /** The estimated width in pixels of {@code s} set in Verdana 11px. */
    static double textWidth(String s) {
        double width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += cp >= 32 && cp <= 126 ? WIDTHS[cp - 32] : WIDE;
            i += Character.charCount(cp);
        }
        return width;
    }
}
