package dev.funnelstreams.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, driven through its command line ({@code --dump-dom}, {@code --screenshot}). */
final class Chromium {

    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The chromium on PATH (or -Dfunnel.chromium), if any. */
    static Optional<Chromium> find(Path profile) {
        String explicit = System.getProperty("funnel.chromium");
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir, "chromium"));
            candidates.add(Path.of(dir, "chromium-browser"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(b -> new Chromium(b, profile));
    }

    /** The DOM after the page's scripts ran for {@code budgetMs} of virtual time. */
    String dumpDom(String url, int budgetMs) throws IOException, InterruptedException {
        Path out = Files.createTempFile(profile.getParent(), "dom-", ".html");
        run(List.of("--dump-dom", url), budgetMs, out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    void screenshot(String url, int budgetMs, Path png) throws IOException, InterruptedException {
        screenshot(url, budgetMs, png, 1000);
    }

    /** A screenshot of the top {@code height} pixels of a 1440 pixels wide window (a whole long page, say). */
    void screenshot(String url, int budgetMs, Path png, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--window-size=1440," + height, "--screenshot=" + png.toAbsolutePath(), url), budgetMs, null);
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private void run(List<String> args, int budgetMs, Path stdout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1440,1000",
                "--virtual-time-budget=" + budgetMs));
        cmd.addAll(args);
        Path log = profile.resolveSibling("chromium.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited " + p.exitValue() + "; see " + log);
        }
    }
}
