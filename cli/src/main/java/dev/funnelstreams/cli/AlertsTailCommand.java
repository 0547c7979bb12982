package dev.funnelstreams.cli;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel alerts tail}: reads funnel.alerts from the beginning, keeps the latest record per
 * alertId (a CLEARED value or a tombstone closes it), prints the open alerts, then follows and
 * prints every change. No consumer group: nothing is committed.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the open alerts of funnel.alerts, then follow new and cleared ones.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done (--no-follow)", ExitCodes.USAGE_LINE,
            "3:cannot reach the Kafka broker or the schema registry (the message names the address tried),"
                    + " or there is no alerts topic",
            "130:stopped following with Ctrl-C"})
final class AlertsTailCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Mixin
    ReaderOptions reader;

    @Option(names = "--no-follow", description = "Print the open alerts and exit.")
    boolean noFollow;

    @Option(names = "--topic", description = "The alerts topic (default: ${DEFAULT-VALUE}).")
    String topic = Topics.ALERTS;

    @Override
    public Integer call() throws InterruptedException {
        ReaderOptions.Clients clients;
        try {
            clients = reader.connect("alerts tail");
        } catch (ReaderOptions.NotConnected e) {
            return e.exitCode;
        }
        Map<String, Object> kafka = new HashMap<>(clients.kafka());
        SerdeFactory serdes = clients.serdes();
        ZoneId zone = clients.zone();
        String bootstrapServers = clients.bootstrapServers();
        kafka.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        kafka.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a missing topic is said, not created with the broker's defaults (not compacted) by asking for it
        kafka.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Deserializer<AlertKey> keys = serdes.key(AlertKey.class).deserializer();
        Deserializer<Alert> alerts = serdes.value(Alert.class).deserializer();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                System.err.println("funnel alerts tail: no topic " + topic + " on " + bootstrapServers
                        + " (funnel run creates it, or funnel topics create)");
                return ExitCodes.UNREACHABLE;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Alert> open = new LinkedHashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String alertId = keys.deserialize(topic, r.headers(), r.key()).getAlertId();
                    Alert a = r.value() == null ? null : alerts.deserialize(topic, r.headers(), r.value());
                    if (a == null || a.getStatus() == AlertStatus.CLEARED) {
                        open.remove(alertId); // a CLEARED value or its tombstone: no longer open
                    } else {
                        open.put(a.getAlertId(), a);
                    }
                }
            }
            out.println(open.size() + " open alerts");
            ZoneId z = zone;
            open.values().stream().sorted(Comparator.comparing(Alert::getDeadline))
                    .forEach(a -> out.println(line(a, z)));
            if (noFollow) {
                return ExitCodes.DONE;
            }
            out.println("-- following funnel.alerts (Ctrl-C to stop)");
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.value() != null) {
                        out.println(line(alerts.deserialize(topic, r.headers(), r.value()), zone));
                    }
                }
            }
        }
    }

    /** One readable line: status, type, who, where, since when, and the message. */
    static String line(Alert a, ZoneId zone) {
        String who = a.getLeadId() == null ? "" : a.getLeadId() + " owner " + (a.getOwner() == null ? "-"
                : a.getOwner()) + " tier " + (a.getTier() == null ? "-" : a.getTier()) + "  ";
        return String.format("%-7s %-17s %s%s (%s)  due %s  %s", a.getStatus(), a.getType(), who, a.getStageName(),
                a.getStage(), WHEN.format(a.getDeadline().atZone(zone)), a.getMessage());
    }
}
