package org.messagestore.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Where the samples' packages sit, and what they may use: a sample is what a user copies, so it uses
 * MessageStore as an application does, through the client's public classes and JNDI only.
 */
@AnalyzeClasses(packages = "org.messagestore.samples", importOptions = ImportOption.DoNotIncludeTests.class)
class SamplesUseTheClientTest {

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes().that().resideInAPackage("org.messagestore.samples..")
            .should().resideInAnyPackage("org.messagestore.samples", "org.messagestore.samples.xa")
            .because("a new package of samples must be given its place in this test");

    @ArchTest
    static final ArchRule onlyTheClient = noClasses().that().resideInAPackage("org.messagestore.samples..")
            .should().dependOnClassesThat().resideInAnyPackage("org.messagestore.broker..", "org.messagestore.store..",
                    "org.messagestore.transport..", "org.messagestore.protocol..", "org.messagestore.model..",
                    "org.messagestore.config..", "org.messagestore.selector..")
            .because("samples show what an application writes, and an application sees only the client");
}
