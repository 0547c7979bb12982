package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PartStopperTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PartStopper stopper = new PartStopper(Duration.ofMillis(300),
            new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8)));

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("^\\[ *[0-9.]+s\\] ", ""))
                .toList();
    }

    @Test
    void goesOnToTheNextPartWhenOneNeverStops() {
        CountDownLatch never = new CountDownLatch(1);
        List<String> closed = new ArrayList<>();
        stopper.stop("connect worker", never::await);
        stopper.stop("streams app", () -> closed.add("streams app"));

        assertThat(closed).containsExactly("streams app");
        assertThat(lines()).containsExactly(
                "stopping connect worker did not finish within 300 ms; going on without it (its threads are in the"
                        + " log)",
                "stopped streams app");
        never.countDown();
    }

    @Test
    void saysWhichPartFailedToStopAndGoesOn() {
        stopper.stop("registry", () -> {
            throw new IllegalStateException("process already gone");
        });
        stopper.stop(null, () -> { });
        stopper.stop("broker", () -> { });

        assertThat(lines()).containsExactly(
                "stopping registry failed: java.lang.IllegalStateException: process already gone", "stopped broker");
    }

    @Test
    void threadDumpShowsABlockedThreadsWholeStack() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread waiting = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waits-for-ever");
        waiting.start();
        try {
            while (waiting.getState() != Thread.State.WAITING) {
                Thread.sleep(10);
            }
            String dump = PartStopper.threadDump();
            assertThat(dump).contains("\"waits-for-ever\" WAITING on java.util.concurrent.CountDownLatch$Sync")
                    .contains("java.util.concurrent.CountDownLatch.await(CountDownLatch.java")
                    .contains("dev.funnelstreams.demo.PartStopperTest.lambda$threadDumpShowsABlockedThreadsWholeStack");
        } finally {
            never.countDown();
            waiting.join();
        }
    }
}
