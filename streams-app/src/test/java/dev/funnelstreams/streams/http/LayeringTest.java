package dev.funnelstreams.streams.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The topology knows nothing of HTTP (STYLE.md): the HTTP layer reads the topology's stores, never the reverse. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.funnelstreams.streams");

    @Test
    void topologyDoesNotDependOnHttp() {
        noClasses().that().resideInAPackage("..streams.topology..")
                .should().dependOnClassesThat().resideInAPackage("..streams.http..")
                .check(MAIN);
    }

    @Test
    void storesAndAlertTimersDoNotDependOnHttp() {
        noClasses().that().resideInAnyPackage("..streams.state..", "..streams.alert..", "..streams.avro..")
                .should().dependOnClassesThat().resideInAPackage("..streams.http..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void httpDoesNotReachIntoTheTopologyInternals() {
        noClasses().that().resideInAPackage("..streams.http..")
                .should().dependOnClassesThat().resideInAPackage("..streams.topology..")
                .check(MAIN);
    }
}
