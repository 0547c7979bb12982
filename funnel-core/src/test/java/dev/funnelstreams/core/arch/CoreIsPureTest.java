package dev.funnelstreams.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The funnel semantics stay a pure library: nothing in the core may depend on Kafka. */
@AnalyzeClasses(packages = "dev.funnelstreams.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsPureTest {

    @ArchTest
    static final ArchRule coreDoesNotDependOnKafka = noClasses()
            .that().resideInAPackage("dev.funnelstreams.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
            .because("the core is the funnel semantics; the topology moves data (STYLE.md)");

    @ArchTest
    static final ArchRule metricsDoNotDependOnTheBatchReport = noClasses()
            .that().resideInAnyPackage("dev.funnelstreams.core.lead..", "dev.funnelstreams.core.metrics..",
                    "dev.funnelstreams.core.alert..", "dev.funnelstreams.core.period..")
            .should().dependOnClassesThat().resideInAPackage("dev.funnelstreams.core.report..")
            .because("the topology reuses replay, cells and renderers without the batch file handling");
}
