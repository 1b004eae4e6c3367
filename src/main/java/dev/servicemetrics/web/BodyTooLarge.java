package dev.servicemetrics.web;

import java.io.IOException;

/**
 * A body passed its limit while it was being read. An IOException, because it is raised inside the
 * JSON parser's reads; the parser wraps it, and {@link ProblemExceptionMapper} finds it in the chain.
 */
final class BodyTooLarge extends IOException {

    BodyTooLarge(String detail) {
        super(detail);
    }
}
