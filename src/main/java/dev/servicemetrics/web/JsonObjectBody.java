package dev.servicemetrics.web;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads every JSON object body of the API. The container's JSON-P reader hands a resource whatever JSON
 * value arrived ({@code []}, {@code null}, {@code "x"}), which reached the method as an argument of the
 * wrong type (a 500), and let the parser's nesting limit escape as a plain RuntimeException (a 500 too).
 * Here any body that is not one JSON object is the client's mistake: a 400 that says what is expected.
 * An empty body stays {@code null}, for the endpoints whose body is optional.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectBody implements MessageBodyReader<JsonObject> {

    private static final int BYTE_ORDER_MARK = 0xEF;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        Optional<Reader> text = objectText(entity, mediaType);
        if (text.isEmpty()) {
            return null;
        }
        try (JsonReader reader = JsonFactory.createReader(text.get())) {
            return parsed(reader::readObject);
        }
    }

    /**
     * The body's text, which must start with one JSON object ({@code {…}}; white space and a UTF-8 byte order mark
     * before it are fine); empty for an empty body; a 400 naming what came instead of an object.
     */
    public static Optional<Reader> objectText(InputStream entity, MediaType mediaType) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entity, 3);
        int first = firstSignificant(body);
        if (first < 0) {
            return Optional.empty();
        }
        if (first != '{') {
            throw new BadRequestException("The request body must be a JSON object ({...}); got " + describe(first));
        }
        body.unread(first);
        return Optional.of(new InputStreamReader(body, charsetOf(mediaType)));
    }

    /** What {@code parse} reads, where any failure of the parser itself is malformed JSON (a 400), never a 500. */
    public static <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (WebApplicationException | JsonException refused) {
            throw refused;
        } catch (RuntimeException unreadable) {
            // e.g. Parsson's "Input is too deeply nested 1,000": the input's fault, not the service's
            throw new JsonException(unreadable.getMessage(), unreadable);
        }
    }

    /** The first byte that is not white space (nor a UTF-8 byte order mark), or -1 for an empty body. */
    static int firstSignificant(PushbackInputStream body) throws IOException {
        int next = body.read();
        if (next == BYTE_ORDER_MARK) {
            int second = body.read();
            int third = body.read();
            if (second != 0xBB || third != 0xBF) {
                return next; // not a mark: not JSON either
            }
            next = body.read();
        }
        while (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
            next = body.read();
        }
        return next;
    }

    private static String describe(int first) {
        return switch (first) {
            case '[' -> "an array";
            case 'n' -> "null";
            case 't', 'f' -> "a boolean";
            case '"' -> "a string";
            default -> first == '-' || (first >= '0' && first <= '9') ? "a number" : "something that is not JSON";
        };
    }

    private static Charset charsetOf(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            throw new BadRequestException("Unknown charset '" + name + "' in Content-Type; send UTF-8");
        }
    }
}
