package dev.funnelstreams.streams.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a replaced stream thread's static group membership once the thread has ended. Kafka Streams starts
 * the replacement before the failed thread has finished, so the new thread gets the next index and with it
 * another {@code group.instance.id} ({@code <base>-<index>}); the old static member does not leave the group
 * when its consumer closes (static members never do), and its partitions would wait for
 * {@code session.timeout.ms} (45 s by default) before the group hands them to the new thread. Removing the
 * member by its instance id (Admin, KIP-345) makes the group rebalance at once. Measured in RegistryOutageIT:
 * the first commit after a registry outage came 50 s after the registry answered again, the old member's
 * session timeout; with this, the old member is gone within a second of the thread's end.
 */
final class ReplacedThreadMembership implements Consumer<Thread> {

    private static final Logger LOG = LoggerFactory.getLogger(ReplacedThreadMembership.class);
    /** Kafka Streams names its threads {@code <clientId>-StreamThread-<index>}. */
    private static final Pattern THREAD_INDEX = Pattern.compile("-StreamThread-(\\d+)$");
    private static final long WAIT_FOR_END_MS = TimeUnit.MINUTES.toMillis(2);

    private final Map<String, Object> adminSettings;
    private final String groupId;
    private final String instanceIdBase;

    /** {@code instanceIdBase}: the app's {@code group.instance.id}, to which Kafka Streams appends the index. */
    ReplacedThreadMembership(Map<String, Object> adminSettings, String groupId, String instanceIdBase) {
        this.adminSettings = adminSettings;
        this.groupId = groupId;
        this.instanceIdBase = instanceIdBase;
    }

    /** Called on the failing stream thread, just before it is replaced; returns at once. */
    @Override
    public void accept(Thread failing) {
        Matcher m = THREAD_INDEX.matcher(failing.getName());
        if (!m.find()) {
            return;
        }
        String member = instanceIdBase + "-" + m.group(1);
        Thread remover = new Thread(() -> removeAfterEnd(failing, member), "funnel-replaced-member-" + member);
        remover.setDaemon(true);
        remover.start();
    }

    private void removeAfterEnd(Thread failing, String member) {
        try {
            failing.join(WAIT_FOR_END_MS);   // its consumer is closed once the thread has ended
            try (Admin admin = Admin.create(adminSettings)) {
                admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(
                        List.of(new MemberToRemove(member)))).all().get(30, TimeUnit.SECONDS);
            }
            LOG.info("removed static member {} of the replaced stream thread from group {}: its partitions move"
                    + " to the new thread now, not after session.timeout.ms", member, groupId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("could not remove static member {} of the replaced stream thread from group {} ({}); its"
                    + " partitions move to the new thread after session.timeout.ms", member, groupId, e.toString());
        }
    }
}
