package dev.servicemetrics.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that does the WebSocket handshake, sends one command, and sends its commands, and then never reads again (not even pings), with a tiny
 * receive buffer: what a frozen browser tab or a dead network path looks like to the server.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket = new Socket();

    StalledClient(int port, String path, String... commands) throws IOException {
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        for (String command : commands) {
            out.write(maskedTextFrame(command.getBytes(StandardCharsets.UTF_8)));
        }
        out.flush();
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed during handshake: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** Client frames must be masked (RFC 6455 §5.3). */
    static byte[] maskedTextFrame(byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("short commands only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
