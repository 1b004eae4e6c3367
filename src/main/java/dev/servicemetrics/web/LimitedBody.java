package dev.servicemetrics.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that counts what is read through it and fails with {@link BodyTooLarge} once more than
 * the limit has arrived, so that a body of unknown length is parsed as it streams in, never copied whole.
 * Before failing it drains the rest of the body, for the reason given at {@link BodySizeLimit#drain}.
 */
final class LimitedBody extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedBody(InputStream body, long limit) {
        super(body);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        if (read >= 0) {
            counted(1);
        }
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    /** A reset would read bytes twice and count them twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported, see markSupported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void counted(long bytes) throws BodyTooLarge {
        count += bytes;
        if (count > limit) {
            BodySizeLimit.drain(in);
            throw new BodyTooLarge(BodySizeLimit.tooLarge(limit, "more than " + limit + " bytes (chunked)"));
        }
    }
}
