package io.noesis.deploy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port checks. */
public final class Ports {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public static void requireFree(String part, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers themselves do: connections in TIME_WAIT from a previous run must not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new PortInUseException(part, port);
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, for tests that start processes on random ports; never one this JVM
     * handed out before. The operating system may offer a port again as soon as the probe closes it, and two
     * parts of one stack on one port fail to start (seen: episode- and audit-service both given the same port).
     */
    public static int freePort() {
        while (true) {
            int port = probeFreePort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    private static int probeFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Ports() {
    }
}
