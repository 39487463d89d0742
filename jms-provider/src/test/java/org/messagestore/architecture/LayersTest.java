package org.messagestore.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RefusalLog;
import org.messagestore.broker.RunningBrokers;

/**
 * The layers of jms-provider, as rules: each package says which of our packages it may use, and why.
 * The path of a message reads down this list:
 *
 * <pre>
 * jndi ──▶ client ──▶ transport ──▶ protocol (wire frames, codec) ──▶ model
 *                        │ server side (tcp acceptor, vm lookup and embedded start ──▶ config)
 *                        ▼
 *                      broker ──▶ store (SPI) ──▶ model
 *                        └─────▶ selector ──▶ model
 * </pre>
 *
 * A new package gets its line here. Only production classes are checked: tests may reach across
 * layers to set up a broker and look inside it.
 */
@AnalyzeClasses(packages = "org.messagestore", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String OURS = "org.messagestore..";

    @ArchTest
    static final ArchRule modelImportsNothingOfOurs = mayUseOnly("org.messagestore.model..")
            .because("model is the vocabulary every layer shares; if it looked up, every layer would depend on every other");

    @ArchTest
    static final ArchRule protocolIsOnlyTheWireFormat = mayUseOnly("org.messagestore.protocol..",
            "org.messagestore.model..")
            .because("frames carry the shared vocabulary, never another layer's classes, so the wire format "
                    + "changes only when the vocabulary does");

    @ArchTest
    static final ArchRule selectorStandsAlone = mayUseOnly("org.messagestore.selector..",
            "org.messagestore.model..")
            .because("a selector is evaluated against message values alone, by the broker and by nobody else's state");

    @ArchTest
    static final ArchRule storeSpiSeesOnlyTheModel = mayUseOnly("org.messagestore.store",
            "org.messagestore.model..")
            .because("the store SPI is what store implementations compile against (store-xodus among them); "
                    + "it must not drag the broker or the wire format along, nor name an implementation");

    @ArchTest
    static final ArchRule inMemoryStoreImplementsTheSpi = mayUseOnly("org.messagestore.store.memory..",
            "org.messagestore.store", "org.messagestore.model..")
            .because("the in-memory store is a store like any other: it sees the SPI, not the broker");

    @ArchTest
    static final ArchRule brokerSeesNoTransportNoClientNoWire = mayUseOnly("org.messagestore.broker..",
            "org.messagestore.store", "org.messagestore.selector..", "org.messagestore.model..")
            .because("the broker core is the same whoever reaches it (in-VM, TCP, a resource adapter): it knows "
                    + "no transport, no client, no frame, and opens stores only through the SPI");

    @ArchTest
    static final ArchRule jmxUsesTheBrokersPublicApiOnly = mayUseOnly("org.messagestore.broker.jmx",
            "org.messagestore.broker", "org.messagestore.model")
            .because("the MBeans are a view of the broker's public statistics and operations, for the standalone "
                    + "server and the resource adapter's embedded broker alike; they reach into nothing");

    @ArchTest
    static final ArchRule jmxNamesBranchesWithBranchXidOnly = noClasses().that().resideInAPackage("org.messagestore.broker.jmx")
            .should().dependOnClassesThat(resideInAnyPackage("org.messagestore.model..")
                    .and(not(type(org.messagestore.model.BranchXid.class))))
            .because("of the shared model, settling a branch by hand needs only its id; MBeans hand out plain JDK types");

    @ArchTest
    static final ArchRule nothingInTheBrokerCoreUsesItsMBeans = noClasses().that().resideOutsideOfPackage("org.messagestore.broker.jmx")
            .should().dependOnClassesThat().resideInAPackage("org.messagestore.broker.jmx")
            .because("management sits on top of the broker: whoever starts a broker decides whether to register MBeans");

    @ArchTest
    static final ArchRule transportContractKnowsNoImplementation = mayUseOnly("org.messagestore.transport",
            "org.messagestore.model..")
            .because("the client's contract with a transport (URL, connector) is the same for every transport "
                    + "and must not name one, nor the broker behind it");

    @ArchTest
    static final ArchRule tcpTransportSeesTheWireAndTheBrokersEntry = mayUseOnly("org.messagestore.transport.tcp..",
            "org.messagestore.transport", "org.messagestore.protocol..", "org.messagestore.broker",
            "org.messagestore.model..")
            .because("its server side opens broker connections; everything after that goes through "
                    + "the model's BrokerConnection, encoded as frames");

    @ArchTest
    static final ArchRule vmTransportSeesOnlyTheBrokersEntry = mayUseOnly("org.messagestore.transport.vm..",
            "org.messagestore.transport", "org.messagestore.broker", "org.messagestore.config",
            "org.messagestore.model..")
            .because("in-VM the client gets the broker's own connection, through its entry point and the "
                    + "registry of running brokers, and starts an embedded broker from its configuration; "
                    + "there are no frames to encode");

    @ArchTest
    static final ArchRule configurationBuildsBrokerSettings = mayUseOnly("org.messagestore.config..",
            "org.messagestore.broker..", "org.messagestore.transport.tcp", "org.messagestore.model..")
            .because("one key table and one parser serve the standalone server and embedded brokers: it turns "
                    + "text into the broker's settings (and names the TCP acceptor's defaults), and nothing "
                    + "below it reads configuration files");

    @ArchTest
    static final ArchRule transportsUseOnlyTheBrokersEntryPoint = noClasses()
            .that().resideInAPackage("org.messagestore.transport..")
            .should().dependOnClassesThat(resideInAPackage("org.messagestore.broker..")
                    .and(not(belongToAnyOf(Broker.class, BrokerConfig.class, RunningBrokers.class, RefusalLog.class))))
            .because("a transport may configure, start, find and connect to a broker, and report refusals the way "
                    + "the broker does, nothing more: what it does with the connection goes through the model's "
                    + "BrokerConnection, so the broker's inside can change freely");

    @ArchTest
    static final ArchRule clientSeesNoBrokerStoreOrWire = mayUseOnly("org.messagestore.client..",
            "org.messagestore.transport..", "org.messagestore.model..")
            .because("the JMS classes cannot tell whether the broker is in this JVM or across TCP: they see the "
                    + "transports and the model only, never the broker, the store, selectors or frames");

    @ArchTest
    static final ArchRule jndiBindsClientObjects = mayUseOnly("org.messagestore.jndi..",
            "org.messagestore.client..", "org.messagestore.transport", "org.messagestore.config",
            "org.messagestore.model..")
            .because("JNDI hands out the client's connection factories and destinations, and names the embedded "
                    + "brokers' configuration keys, nothing of the broker itself");

    @ArchTest
    static final ArchRule noXodusInTheProvider = noClasses()
            .should().dependOnClassesThat().resideInAPackage("jetbrains.exodus..")
            .because("Xodus is one store implementation, kept in store-xodus behind the store SPI");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.messagestore.(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes two layers one: neither can change or be read alone");

    @ArchTest
    static final ArchRule everyPackageHasItsPlace = classes()
            .should().resideInAnyPackage(
                    "org.messagestore.model",
                    "org.messagestore.protocol",
                    "org.messagestore.selector",
                    "org.messagestore.store", "org.messagestore.store.memory",
                    "org.messagestore.broker", "org.messagestore.broker.security", "org.messagestore.broker.jmx",
                    "org.messagestore.transport", "org.messagestore.transport.tcp", "org.messagestore.transport.vm",
                    "org.messagestore.client", "org.messagestore.client.destination", "org.messagestore.client.message",
                    "org.messagestore.jndi",
                    "org.messagestore.config")
            .because("a new package gets its rule in this class, saying where it sits");

    /** Classes of {@code layer} use, of our packages, only their own and {@code allowed}. */
    private static ArchRule mayUseOnly(String layer, String... allowed) {
        String[] own = new String[allowed.length + 1];
        own[0] = layer;
        System.arraycopy(allowed, 0, own, 1, allowed.length);
        return classes().that().resideInAPackage(layer)
                .should().onlyDependOnClassesThat(or(resideOutsideOfPackage(OURS), resideInAnyPackage(own)));
    }
}
