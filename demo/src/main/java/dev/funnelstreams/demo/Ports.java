package dev.funnelstreams.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice: the well-known port when it is free (easy to type into another client), else any free one. */
final class Ports {

    static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    static int preferred(int port) {
        return isFree(port) ? port : any();
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int any() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + LOOPBACK, e);
        }
    }
}
