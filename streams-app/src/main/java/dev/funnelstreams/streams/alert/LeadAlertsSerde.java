package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertStatus;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.streams.state.StoredString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Binary store form of {@link LeadAlerts} (version byte first). Alerts hold no contact data. */
public final class LeadAlertsSerde {

    private static final byte VERSION = 1;

    private LeadAlertsSerde() {
    }

    public static Serde<LeadAlerts> serde() {
        Serializer<LeadAlerts> ser = (topic, v) -> v == null ? null : write(v);
        Deserializer<LeadAlerts> de = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(ser, de);
    }

    static byte[] write(LeadAlerts v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(v.scheduled().size());
            for (LeadAlerts.Timer t : v.scheduled()) {
                out.writeByte(t.type().ordinal());
                out.writeLong(t.dueMillis());
            }
            out.writeShort(v.raised().size());
            for (Alert a : v.raised()) {
                StoredString.write(out, a.alertId());
                out.writeByte(a.type().ordinal());
                out.writeByte(a.status().ordinal());
                nullable(out, a.leadId());
                StoredString.write(out, a.stage());
                StoredString.write(out, a.stageName());
                nullable(out, a.owner());
                nullable(out, a.tier());
                nullable(out, a.channel());
                out.writeLong(a.since().toEpochMilli());
                out.writeLong(a.deadline().toEpochMilli());
                out.writeLong(a.raisedAt().toEpochMilli());
                StoredString.write(out, a.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LeadAlerts read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown lead-alerts version " + version);
            }
            int n = in.readShort();
            List<LeadAlerts.Timer> timers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                timers.add(new LeadAlerts.Timer(AlertType.values()[in.readByte()], in.readLong()));
            }
            int m = in.readShort();
            List<Alert> raised = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                raised.add(new Alert(StoredString.read(in), AlertType.values()[in.readByte()],
                        AlertStatus.values()[in.readByte()], nullable(in), StoredString.read(in),
                        StoredString.read(in), nullable(in), nullable(in), nullable(in),
                        Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()),
                        Instant.ofEpochMilli(in.readLong()), StoredString.read(in)));
            }
            return new LeadAlerts(timers, raised);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            StoredString.write(out, s);
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? StoredString.read(in) : null;
    }
}
