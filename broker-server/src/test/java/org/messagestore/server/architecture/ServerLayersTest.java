package org.messagestore.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Where the standalone server's packages sit. {@code server} assembles store, broker, acceptor and
 * endpoints; {@code server.metrics} exports what the broker's public statistics say, and nothing else.
 */
@AnalyzeClasses(packages = "org.messagestore.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerLayersTest {

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes().that().resideInAPackage("org.messagestore.server..")
            .should().resideInAnyPackage("org.messagestore.server", "org.messagestore.server.metrics")
            .because("a new package must be given its place in this test");

    @ArchTest
    static final ArchRule metricsReadThePublicStatisticsOnly = noClasses().that().resideInAPackage("org.messagestore.server.metrics")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.store..", "org.messagestore.transport..",
                    "org.messagestore.protocol..", "org.messagestore.client..", "org.messagestore.model..",
                    "org.messagestore.broker.security..", "org.messagestore.server")
            .because("metrics are a view of Broker.statistics(); the server wires them, they do not reach into it");
}
