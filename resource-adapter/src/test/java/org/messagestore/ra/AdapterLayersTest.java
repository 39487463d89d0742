package org.messagestore.ra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Where the resource adapter's packages sit. The adapter is a client of the broker: it uses the
 * client's public classes, and the broker and its configuration only to start the embedded broker
 * (in {@code org.messagestore.ra}); never the wire protocol, the transports or the store.
 */
@AnalyzeClasses(packages = "org.messagestore.ra", importOptions = ImportOption.DoNotIncludeTests.class)
class AdapterLayersTest {

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes().that().resideInAPackage("org.messagestore.ra..")
            .should().resideInAnyPackage("org.messagestore.ra", "org.messagestore.ra.outbound",
                    "org.messagestore.ra.inbound", "org.messagestore.ra.admin")
            .because("a new package must be given its place in this test");

    @ArchTest
    static final ArchRule onlyTheClientsPublicFace = noClasses().that().resideInAPackage("org.messagestore.ra..")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.protocol..", "org.messagestore.transport..",
                    "org.messagestore.store..", "org.messagestore.model..", "org.messagestore.selector..")
            .because("the adapter talks to the broker as any client does");

    @ArchTest
    static final ArchRule onlyTheAdapterStartsABroker = noClasses().that()
            .resideInAnyPackage("org.messagestore.ra.outbound", "org.messagestore.ra.inbound", "org.messagestore.ra.admin")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.broker..", "org.messagestore.config..")
            .because("the embedded broker is the resource adapter's to start and stop");

    @ArchTest
    static final ArchRule adminObjectsStandAlone = classes().that().resideInAPackage("org.messagestore.ra.admin")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.messagestore.ra.admin", "java..", "jakarta.jms..")
            .because("administered objects are plain serializable destinations the server binds");

    @ArchTest
    static final ArchRule outboundDoesNotKnowInbound = noClasses().that().resideInAPackage("org.messagestore.ra.outbound")
            .should().dependOnClassesThat().resideInAPackage("org.messagestore.ra.inbound")
            .because("pooled connections and MDB delivery are independent halves");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.messagestore.ra.(*)..").should().beFreeOfCycles();
}
