package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.JsonFactory;
import dev.servicemetrics.incidents.entity.Notification;
import dev.servicemetrics.web.JsonObjectBody;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
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
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads the webhook's body as a stream straight into a {@link Notification} ({@link WebhookPayload}), never as one
 * JSON tree: a notification of thousands of alerts holds one alert's JSON at a time. The body is held to
 * WEBHOOK_MAX_BYTES as it arrives (BodySizeLimit). What is not one JSON object is a 400, as for every other body.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class NotificationBody implements MessageBodyReader<Notification> {

    static final String REQUIRED = "A JSON body is required: Alertmanager's webhook payload (version 4)";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Notification.class;
    }

    @Override
    public Notification readFrom(Class<Notification> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                 MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entity, 3);
        int first = JsonObjectBody.firstSignificant(body);
        if (first < 0) {
            throw new BadRequestException(REQUIRED);
        }
        if (first != '{') {
            throw new BadRequestException("The request body must be a JSON object ({...}); got " + JsonObjectBody.describe(first));
        }
        body.unread(first);
        try (JsonParser parser = JsonFactory.createParser(new InputStreamReader(body, JsonObjectBody.charsetOf(mediaType)))) {
            return WebhookPayload.read(parser);
        } catch (WebApplicationException | JsonException refused) {
            throw refused;
        } catch (RuntimeException unreadable) {
            // e.g. Parsson's "Input is too deeply nested 1,000": the input's fault, not the service's
            throw new JsonException(unreadable.getMessage(), unreadable);
        }
    }
}
