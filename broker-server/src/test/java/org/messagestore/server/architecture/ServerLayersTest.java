package org.messagestore.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.base.DescribedPredicate.not;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Where the standalone server's packages sit. {@code server} assembles store, broker, acceptor and
 * endpoints; {@code server.metrics} exports what the broker's public statistics and the store SPI's
 * metrics say, and nothing else;
 * {@code server.jmx} shows the same statistics as MBeans and settles in-doubt branches through
 * {@code Broker.preparedBranches()}.
 */
@AnalyzeClasses(packages = "org.messagestore.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerLayersTest {

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes().that().resideInAPackage("org.messagestore.server..")
            .should().resideInAnyPackage("org.messagestore.server", "org.messagestore.server.metrics",
                    "org.messagestore.server.jmx")
            .because("a new package must be given its place in this test");

    @ArchTest
    static final ArchRule metricsReadThePublicStatisticsOnly = noClasses().that().resideInAPackage("org.messagestore.server.metrics")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.store.memory..",
                    "org.messagestore.store.xodus..", "org.messagestore.transport..", "org.messagestore.protocol..",
                    "org.messagestore.client..", "org.messagestore.model..", "org.messagestore.broker.security..",
                    "org.messagestore.server")
            .because("metrics are a view of Broker.statistics() and the store SPI's metrics(); the server wires them, "
                    + "they do not reach into it");

    @ArchTest
    static final ArchRule jmxUsesTheBrokersPublicApiOnly = noClasses().that().resideInAPackage("org.messagestore.server.jmx")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.store..", "org.messagestore.transport..",
                    "org.messagestore.protocol..", "org.messagestore.client..", "org.messagestore.broker.security..",
                    "org.messagestore.server", "org.messagestore.server.metrics")
            .because("the MBeans are a view of Broker.statistics() and Broker.preparedBranches(); the server wires them,"
                    + " they do not reach into it or the metrics");

    @ArchTest
    static final ArchRule jmxNamesBranchesWithBranchXidOnly = noClasses().that().resideInAPackage("org.messagestore.server.jmx")
            .should().dependOnClassesThat(resideInAnyPackage("org.messagestore.model..")
                    .and(not(type(org.messagestore.model.BranchXid.class))))
            .because("of the shared model, settling a branch by hand needs only its id; MBeans hand out plain JDK types");
}
