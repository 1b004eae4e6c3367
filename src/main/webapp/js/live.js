// The /ws channel protocol: subscribe to channels, receive envelopes {channel, type, timestamp, data}.
// Reconnects by itself with exponential backoff (1 s doubling to 30 s, with jitter) and subscribes again,
// so the server sends a fresh snapshot and history after a restart. A connection that stops answering
// (no message, not even a pong, for a while) is closed and replaced: browsers do not report a half-open
// socket on their own.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const PING_EVERY_MS = 25000;
const SILENCE_LIMIT_MS = 60000;

export class LiveConnection {

    /**
     * @param url       ws:// or wss:// address of /ws
     * @param channels  names to subscribe to on every (re)connection
     * @param handlers  {message(envelope), state(name, detail)} where name is connecting, live or waiting
     */
    constructor(url, channels, handlers) {
        this.url = url;
        this.channels = channels;
        this.handlers = handlers;
        this.attempt = 0;
        this.socket = null;
        this.retryTimer = null;
        this.lastHeard = 0;
        this.heartbeat = null;
        window.addEventListener('online', () => this.retryNow());
    }

    start() {
        this.open();
    }

    open() {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.handlers.state('connecting', { attempt: this.attempt });
        let socket;
        try {
            socket = new WebSocket(this.url);
        } catch (refused) {
            this.scheduleRetry(`cannot open ${this.url}: ${refused.message}`);
            return;
        }
        this.socket = socket;
        socket.addEventListener('open', () => {
            this.attempt = 0;
            this.lastHeard = Date.now();
            for (const channel of this.channels) {
                this.send({ type: 'subscribe', channel });
            }
            this.startHeartbeat();
            this.handlers.state('live', {});
        });
        socket.addEventListener('message', event => {
            this.lastHeard = Date.now();
            let envelope;
            try {
                envelope = JSON.parse(event.data);
            } catch (notJson) {
                return;
            }
            this.handlers.message(envelope);
        });
        socket.addEventListener('close', event => {
            if (this.socket !== socket) return;
            this.socket = null;
            this.stopHeartbeat();
            const why = event.reason ? `${event.code} ${event.reason}` : `closed (${event.code})`;
            this.scheduleRetry(why);
        });
        // an 'error' event is always followed by 'close', which schedules the retry
    }

    send(command) {
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(JSON.stringify(command));
        }
    }

    scheduleRetry(reason) {
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
        const jittered = Math.round(delay * (0.75 + Math.random() * 0.25));
        this.attempt++;
        this.handlers.state('waiting', { reason, retryAt: Date.now() + jittered });
        this.retryTimer = setTimeout(() => this.open(), jittered);
    }

    retryNow() {
        if (this.retryTimer !== null) {
            this.attempt = 0;
            this.open();
        }
    }

    startHeartbeat() {
        this.stopHeartbeat();
        this.heartbeat = setInterval(() => {
            if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
                const silent = this.socket;
                this.socket = null;
                this.stopHeartbeat();
                silent?.close(4000, 'no answer from the server');
                this.scheduleRetry('no answer from the server');
                return;
            }
            this.send({ type: 'ping' });
        }, PING_EVERY_MS);
    }

    stopHeartbeat() {
        clearInterval(this.heartbeat);
        this.heartbeat = null;
    }
}

/** The address of /ws next to the page, so that the same page works behind a reverse proxy or TLS. */
export function channelUrl(location) {
    const url = new URL('ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
}
