package io.reelstream.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Picks free TCP ports and checks whether a port accepts connections; never assumes a fixed port.
 */
public final class FreePort {

    private FreePort() {}

    /** Returns {@code port} if it is positive, else a port that is free right now. */
    public static int resolve(int port) {
        return port > 0 ? port : pick();
    }

    /** A TCP port that is free right now (the OS picks it). */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** True when something accepts TCP connections on host:port within the timeout. */
    public static boolean accepts(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
