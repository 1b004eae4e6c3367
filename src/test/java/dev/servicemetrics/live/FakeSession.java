package dev.servicemetrics.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A WebSocket session without a container. Its sends complete when the test says so ({@link #complete()}),
 * or at once on the sending thread ({@link #completingInline()}), the way a container may when the socket
 * takes the bytes right away. Every send records the text and, through {@link #onSend}, whatever the test
 * wants to know about the sending thread.
 */
final class FakeSession implements Session {

    private final String id;
    private final Remote remote = new Remote();
    private final List<String> sent = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();
    private final List<ClassLoader> writeLoaders = new ArrayList<>();
    private boolean inline;
    private Consumer<String> onSend = text -> { };

    FakeSession(String id) {
        this.id = id;
    }

    FakeSession completingInline() {
        inline = true;
        return this;
    }

    /** Runs on the sending thread, before the send completes (inline or not). */
    FakeSession onSend(Consumer<String> hook) {
        onSend = hook;
        return this;
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized List<CloseReason> closes() {
        return List.copyOf(closes);
    }

    /** The context class loader of the thread at each send, ping and idle timeout change, in order. */
    synchronized List<ClassLoader> writeLoaders() {
        return List.copyOf(writeLoaders);
    }

    private synchronized void recordWriteLoader() {
        writeLoaders.add(Thread.currentThread().getContextClassLoader());
    }

    synchronized int pending() {
        return pending.size();
    }

    /** Completes the oldest send in flight, on the calling thread, as the container's write callback would. */
    void complete() {
        SendHandler handler;
        synchronized (this) {
            handler = pending.remove(0);
        }
        handler.onResult(new SendResult());
    }

    /** Completes the oldest send in flight as failed, as the container reports a write it could not make. */
    void fail(Throwable cause) {
        SendHandler handler;
        synchronized (this) {
            handler = pending.remove(0);
        }
        handler.onResult(new SendResult(cause));
    }

    /** Completes sends until none is in flight (each completion may start the next one). */
    void completeAll() {
        while (pending() > 0) {
            complete();
        }
    }

    private void send(String text, SendHandler handler) {
        recordWriteLoader();
        synchronized (this) {
            sent.add(text);
        }
        onSend.accept(text);
        if (inline) {
            handler.onResult(new SendResult());
        } else {
            synchronized (this) {
                pending.add(handler);
            }
        }
    }

    private final class Remote implements RemoteEndpoint.Async {

        @Override
        public void sendText(String text, SendHandler handler) {
            send(text, handler);
        }

        @Override
        public void sendPing(ByteBuffer applicationData) {
            recordWriteLoader();
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {
        }

        @Override
        public Future<Void> sendText(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
        }

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {
        }

        @Override
        public void sendPong(ByteBuffer applicationData) {
        }
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return remote;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close(CloseReason closeReason) {
        synchronized (this) {
            closes.add(closeReason);
        }
    }

    @Override
    public void close() {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public synchronized boolean isOpen() {
        return closes.isEmpty();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        recordWriteLoader();
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return new ConcurrentHashMap<>();
    }

    // the rest of the interface: nothing in the registry uses it

    @Override
    public WebSocketContainer getContainer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return Set.of();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return null;
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return 0;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return 0;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        throw new UnsupportedOperationException();
    }

    @Override
    public URI getRequestURI() {
        return URI.create("ws://localhost/ws");
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public Map<String, String> getPathParameters() {
        return Map.of();
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Set.of(this);
    }
}
