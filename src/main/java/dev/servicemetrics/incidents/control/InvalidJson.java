package dev.servicemetrics.incidents.control;

import jakarta.ws.rs.BadRequestException;

/**
 * JSON without a field that is needed, or with a field of the wrong type; the message names the field.
 * In a request body it is the client's mistake, hence a 400 as it stands.
 */
public class InvalidJson extends BadRequestException {

    public InvalidJson(String message) {
        super(message);
    }
}
