package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.JsonFactory;
import dev.servicemetrics.incidents.entity.Notification;
import dev.servicemetrics.web.JsonObjectBody;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
        Reader text = JsonObjectBody.objectText(entity, mediaType).orElseThrow(() -> new BadRequestException(REQUIRED));
        try (JsonParser parser = JsonFactory.createParser(text)) {
            return JsonObjectBody.parsed(() -> WebhookPayload.read(parser));
        }
    }
}
