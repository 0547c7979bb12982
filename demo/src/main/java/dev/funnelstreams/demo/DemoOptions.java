package dev.funnelstreams.demo;

import java.nio.file.Path;

/**
 * What {@code funnel demo} was asked to do.
 *
 * @param dataDir  where every part keeps its data ({@code ./demo-data}), so that a later run can resume
 * @param resume   keep the previous run's data instead of starting clean
 * @param events   a canonical JSON-lines file to replay instead of generated history (null: generate)
 * @param leads    leads of generated history
 * @param days     days of generated history, ending at the start of today
 * @param seed     generator seed
 * @param speed    live events per second multiplier; 0 stops the live trickle
 * @param port     HTTP port of the dashboard and API on 127.0.0.1
 * @param config   funnel YAML (null: the bundled example, the six-stage Chinese funnel)
 */
public record DemoOptions(Path dataDir, boolean resume, Path events, int leads, int days, long seed, double speed,
        int port, Path config) {

    public DemoOptions {
        if (leads < 0) {
            throw new IllegalArgumentException("--leads must be >= 0 (got " + leads + ")");
        }
        if (days < 1) {
            throw new IllegalArgumentException("--days must be >= 1 (got " + days + ")");
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("--speed must be >= 0 (got " + speed + ")");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535 (got " + port + ")");
        }
    }
}
