package dev.funnelstreams.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of another service, to take that service away from its
 * clients without stopping it (a registry that keeps its in-memory schemas, say). {@link #pause()} closes
 * the listener and every open connection, so clients get "connection refused"; {@link #resume()} listens
 * again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;

    private TcpProxy(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** Listens on a free loopback port and forwards every connection to {@code host:port}. */
    public static TcpProxy start(String host, int targetPort) {
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, targetPort), FreePort.pick());
        proxy.resume();
        return proxy;
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** Stops listening and closes every forwarded connection; clients get connection refused until {@link #resume()}. */
    public synchronized void pause() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void resume() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(FreePort.LOOPBACK), port));
            listener = server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + FreePort.LOOPBACK + ":" + port, e);
        }
        ServerSocket server = listener;
        acceptor = new Thread(() -> accept(server), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public synchronized boolean paused() {
        return listener == null;
    }

    @Override
    public void close() {
        pause();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed by pause()
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other direction, or pause(), closed the connection
            } catch (IOException e) {
                // a broken connection ends this direction; the client sees it as the service would show it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort: the socket is gone either way
        }
    }
}
