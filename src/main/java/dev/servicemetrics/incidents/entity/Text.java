package dev.servicemetrics.incidents.entity;

/** Bounded text for bounded columns: a value longer than its column is cut, never a failed insert. */
public final class Text {

    private Text() {
    }

    public static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
