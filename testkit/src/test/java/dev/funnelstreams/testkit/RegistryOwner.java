package dev.funnelstreams.testkit;

/**
 * A JVM that starts a registry, prints the registry JVM's process id and waits to be killed: the owner that
 * {@link FixtureLifecycleIT#registryEndsWhenItsOwnerIsKilled()} kills with SIGKILL.
 */
public final class RegistryOwner {

    private RegistryOwner() {
    }

    public static void main(String[] args) throws InterruptedException {
        ApicurioRegistry registry = ApicurioRegistry.start();
        ProcessHandle jvm = registry.process().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst()
                .orElse(registry.process());
        System.out.println("registry " + jvm.pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
