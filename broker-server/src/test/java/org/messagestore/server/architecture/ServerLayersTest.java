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
 * the MBeans ({@code broker.jmx}, in jms-provider, so that an embedded broker registers the same) are
 * registered by {@code server}; {@code server.cli}, the {@code messagestore} tool, is a client of a
 * running broker and runs in a process of its own.
 */
@AnalyzeClasses(packages = "org.messagestore.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerLayersTest {

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes().that().resideInAPackage("org.messagestore.server..")
            .should().resideInAnyPackage("org.messagestore.server", "org.messagestore.server.metrics",
                    "org.messagestore.server.cli")
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
    static final ArchRule cliIsABrokerClient = noClasses().that().resideInAPackage("org.messagestore.server.cli")
            .should().dependOnClassesThat(resideInAnyPackage("org.messagestore.broker..", "org.messagestore.store..",
                    "org.messagestore.transport..", "org.messagestore.protocol..", "org.messagestore.selector..",
                    "org.messagestore.server.metrics..")
                    .and(not(type(org.messagestore.broker.security.PasswordHash.class)))
                    .and(not(type(org.messagestore.broker.security.UsersFile.class))))
            .because("the tool administers a broker in another process through the admin protocol and JMS "
                    + "(client, model), and edits files with the broker's own PasswordHash and UsersFile; "
                    + "reaching into a broker core of its own would administer nothing");

    @ArchTest
    static final ArchRule cliUsesTheServersConfigurationOnly = noClasses().that().resideInAPackage("org.messagestore.server.cli")
            .should().dependOnClassesThat(resideInAnyPackage("org.messagestore.server")
                    .and(not(type(org.messagestore.server.ServerConfigLoader.class)))
                    .and(not(type(org.messagestore.server.ServerConfigLoader.Sourced.class)))
                    .and(not(type(org.messagestore.server.ServerConfig.class))))
            .because("'config check' reads a configuration as the server does; starting a server is not its job");

    @ArchTest
    static final ArchRule nothingElseUsesTheCli = noClasses().that().resideOutsideOfPackage("org.messagestore.server.cli")
            .should().dependOnClassesThat().resideInAPackage("org.messagestore.server.cli")
            .because("the tool is a separate program that happens to ship in the server's module");
}
