package dev.funnelstreams.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a loopback TCP port that is free right now, for fixtures that must be told their port up front.
 *
 * <p>The port is released before the fixture binds it. A port from the kernel's ephemeral range (what
 * binding port 0 gives) can be taken in between as the local end of any outgoing connection: a
 * three-broker cluster picks six ports, and its first nodes' connections to each other once took the
 * third broker's port ("Address already in use"). So on Linux the port comes from below that range, where
 * the kernel never puts an outgoing connection, and no port is handed out twice in one JVM.
 */
final class FreePort {

    static final String LOOPBACK = "127.0.0.1";

    /** The lowest port picked below the ephemeral range. */
    private static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Read once: the kernel setting does not change while tests run. */
    private static final int EPHEMERAL_FROM = ephemeralFrom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    static int pick() {
        for (int attempt = 0; EPHEMERAL_FROM > LOWEST && attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_FROM);
            if (HANDED_OUT.add(port) && bindsTo(port)) {
                return port;
            }
        }
        while (true) {
            int port = bind(0);
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    /** The first port of the kernel's ephemeral range, 0 when it is not known (not Linux). */
    private static int ephemeralFrom() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean bindsTo(int port) {
        try {
            bind(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Reuse so the fixture can bind the port right after we release it, even in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + LOOPBACK + ":" + port, e);
        }
    }
}
