package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    @Test
    void forwardsRefusesWhilePausedAndForwardsAgainOnTheSamePortAfterResume() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveEcho(echo), "echo");
            server.setDaemon(true);
            server.start();
            try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort())) {
                assertThat(roundTrip(proxy.port(), "one")).isEqualTo("one");

                Socket open = connect(proxy.port());
                proxy.pause();
                assertThat(proxy.paused()).isTrue();
                assertThat(open.getInputStream().read()).as("an open connection is closed by pause()").isEqualTo(-1);
                open.close();
                assertThatThrownBy(() -> connect(proxy.port())).isInstanceOf(ConnectException.class);

                proxy.resume();
                assertThat(roundTrip(proxy.port(), "two")).isEqualTo("two");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(int port, String text) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            InputStream in = s.getInputStream();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                sb.append((char) c);
            }
            return sb.toString();
        }
    }

    private static void serveEcho(ServerSocket echo) {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the client went away
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed at the end of the test
            }
        }
    }
}
