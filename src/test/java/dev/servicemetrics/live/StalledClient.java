package dev.servicemetrics.live;

import dev.servicemetrics.testsupport.RawWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A client that does the WebSocket handshake, sends its commands, and then never reads again, with a tiny
 * receive buffer: what a frozen browser tab or a dead network path looks like to the server. It never
 * answers a ping either; {@link #awaitClose} reads on (still answering nothing) to see why the server closed it.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket = new Socket();

    StalledClient(int port, String path, String... commands) throws IOException {
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        List<String> head = RawWebSocket.handshake(socket, port, path);
        if (RawWebSocket.status(head) != 101) {
            throw new IOException("handshake refused: " + head);
        }
        OutputStream out = socket.getOutputStream();
        for (String command : commands) {
            out.write(RawWebSocket.maskedTextFrame(command));
        }
        out.flush();
    }

    /** The server's close frame: its status code and reason. */
    record Close(int code, String reason) {
    }

    /**
     * Reads the server's frames, answering none (not even pings), until its close frame.
     *
     * @throws SocketTimeoutException when none came within {@code within}
     */
    Close awaitClose(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("no close frame within " + within);
            }
            socket.setSoTimeout((int) left);
            int first = readByte(in);
            int second = readByte(in);
            long length = second & 0x7f;
            if (length == 126) {
                length = ByteBuffer.wrap(in.readNBytes(2)).getShort() & 0xffff;
            } else if (length == 127) {
                length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
            }
            byte[] payload = in.readNBytes((int) length); // server frames are not masked
            if ((first & 0x0f) == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return new Close(code, reason);
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            throw new IOException("the server dropped the connection without a close frame");
        }
        return next;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
