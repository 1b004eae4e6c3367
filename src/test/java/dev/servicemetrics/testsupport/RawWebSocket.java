package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client by hand, for the tests that need what a library client hides: the handshake's answer as
 * written (status line and headers), a client that stops reading, one bound to a chosen local address.
 */
public final class RawWebSocket {

    private RawWebSocket() {
    }

    /**
     * Sends an upgrade request for {@code path} on a connected socket, with these extra header lines
     * ("Origin: …"), and reads the answer's status line and header lines, up to the empty line.
     */
    public static List<String> handshake(Socket socket, int port, String path, String... headers) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return head(socket.getInputStream());
    }

    /** The status code of a status line such as "HTTP/1.1 101 Switching Protocols". */
    public static int status(List<String> head) {
        return Integer.parseInt(head.get(0).split(" ")[1]);
    }

    private static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                String complete = line.toString().strip();
                if (complete.isEmpty()) {
                    return lines;
                }
                lines.add(complete);
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        throw new IOException("closed before the end of the handshake's answer: " + lines + line);
    }

    /** A client's text frame, masked as client frames must be (RFC 6455 §5.3); up to 125 bytes. */
    public static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
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
}
