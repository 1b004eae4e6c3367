package dev.servicemetrics.testsupport;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the service's own metrics, the Prometheus text of /mpmetrics, as either server writes it. */
public final class OwnMetrics {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^(\\w+)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\w+) (\\w+)$");

    private OwnMetrics() {
    }

    /** The value of the first series of {@code name} whose label set contains {@code labels} ("" for any). */
    public static double value(String exposition, String name, String labels) {
        Matcher line = SAMPLE.matcher(exposition);
        while (line.find()) {
            if (line.group(1).equals(name) && (line.group(2) == null ? "" : line.group(2)).contains(labels)) {
                return Double.parseDouble(line.group(3));
            }
        }
        throw new AssertionError("no metric " + name + " {" + labels + "} in\n" + exposition);
    }

    public static double value(String exposition, String name) {
        return value(exposition, name, "");
    }

    /** "name type" of every family the text declares. */
    public static Set<String> families(String exposition) {
        Set<String> families = new TreeSet<>();
        Matcher type = TYPE.matcher(exposition);
        while (type.find()) {
            families.add(type.group(1) + " " + type.group(2));
        }
        return families;
    }
}
