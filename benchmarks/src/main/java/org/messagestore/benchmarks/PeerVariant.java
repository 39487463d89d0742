package org.messagestore.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Every peer a run can measure: a broker family, configured as its own setup tool configures it, with its
 * client either as shipped or held to the spec. Held to the spec means what MessageStore does by default:
 * a persistent send, a commit and an AUTO_ACKNOWLEDGE acknowledgement return once the broker has synced
 * them (Jakarta Messaging 3.1, 6.2.10: with AUTO_ACKNOWLEDGE the session "automatically acknowledges"
 * each message; an acknowledgement the broker may still lose lets the message come back).
 */
enum PeerVariant {

    MESSAGESTORE("MessageStore", Family.MESSAGESTORE, true),
    /** Our client with the URL option {@code lazyAutoAcknowledge=true}: AUTO_ACKNOWLEDGE acknowledges in batches. */
    MESSAGESTORE_LAZY_ACKS("MessageStore lazy acks", Family.MESSAGESTORE, false),
    ARTEMIS("Artemis", Family.ARTEMIS, false),
    /** Artemis with the client's {@code blockOnAcknowledge}. */
    ARTEMIS_HELD_TO_SPEC("Artemis held to spec", Family.ARTEMIS, true),
    CLASSIC("ActiveMQ Classic", Family.CLASSIC, false),
    /** ActiveMQ Classic with the client's {@code sendAcksAsync=false}. */
    CLASSIC_HELD_TO_SPEC("ActiveMQ Classic held to spec", Family.CLASSIC, true);

    /** Which broker and client; each family's classes are only loaded by the child JVM that runs it. */
    enum Family { MESSAGESTORE, ARTEMIS, CLASSIC }

    private final String displayName;
    private final Family family;
    private final boolean heldToSpec;

    PeerVariant(String displayName, Family family, boolean heldToSpec) {
        this.displayName = displayName;
        this.family = family;
        this.heldToSpec = heldToSpec;
    }

    String displayName() {
        return displayName;
    }

    Family family() {
        return family;
    }

    boolean heldToSpec() {
        return heldToSpec;
    }

    /**
     * Whether this variant keeps its guarantee in {@code workload}: Classic's synchronous acknowledgements
     * do not make KahaDB sync a durable subscriber's acknowledgement (KahaDBTopicMessageStore.doAcknowledge
     * journals it with {@code store(command, false)}), so there it is neither as shipped nor held to the spec.
     */
    boolean keepsItsGuarantee(Workload workload) {
        return !(this == CLASSIC_HELD_TO_SPEC && workload.readsDurableSubscriptions());
    }

    /** MessageStore's own peers, which the table compares with the others. */
    boolean ours() {
        return family == Family.MESSAGESTORE;
    }

    /**
     * The variant whose run stands for this one in {@code workload}, where the two would do exactly the
     * same, so it is not run again: our lazy acknowledgements change AUTO_ACKNOWLEDGE only; Artemis's
     * {@code blockOnAcknowledge} changes every consumer's acknowledgements, transacted ones included;
     * Classic's {@code sendAcksAsync} does not apply in a transacted session (ActiveMQSession.sendAck
     * sends those one-way either way).
     */
    PeerVariant standIn(Workload workload) {
        var consumers = workload.consumerMode();
        return switch (this) {
            case MESSAGESTORE_LAZY_ACKS -> consumers.filter(SessionMode::autoAcknowledge).isPresent() ? this : MESSAGESTORE;
            case ARTEMIS_HELD_TO_SPEC -> consumers.isPresent() ? this : ARTEMIS;
            case CLASSIC_HELD_TO_SPEC -> consumers.filter(mode -> !mode.transacted()).isPresent() ? this : CLASSIC;
            default -> this;
        };
    }

    static PeerVariant named(String name) {
        return Arrays.stream(values()).filter(v -> v.displayName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown peer '" + name + "', expected one of " + names()));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(PeerVariant::displayName).toList();
    }
}
