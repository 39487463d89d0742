package org.messagestore.store.xodus.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Where store-xodus sits: below the broker, beside the in-memory store, an implementation of the
 * store SPI over the shared model. Only production classes are checked.
 */
@AnalyzeClasses(packages = "org.messagestore.store.xodus", importOptions = ImportOption.DoNotIncludeTests.class)
class StoreLayerTest {

    @ArchTest
    static final ArchRule seesOnlyTheStoreSpiAndTheModel = classes()
            .that().resideInAPackage("org.messagestore.store.xodus..")
            .should().onlyDependOnClassesThat(or(
                    resideOutsideOfPackage("org.messagestore.."),
                    resideInAnyPackage("org.messagestore.store.xodus..", "org.messagestore.store", "org.messagestore.model..")))
            .because("a store implementation is found by the broker through the SPI; it never imports the broker, "
                    + "the client, the wire protocol or a transport, so each can change without touching the store");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.messagestore.(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes two layers one: neither can change or be read alone");
}
