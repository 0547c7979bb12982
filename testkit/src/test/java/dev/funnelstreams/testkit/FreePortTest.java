package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreDistinctBindableAndBelowTheEphemeralRangeOnLinux() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralFrom = Files.isReadable(range)
                ? Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]) : Integer.MAX_VALUE;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePort.pick();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            if (ephemeralFrom > 10_000 && ephemeralFrom != Integer.MAX_VALUE) {
                assertThat(port).isBetween(10_000, ephemeralFrom - 1);
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(FreePort.LOOPBACK), port));
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
