package org.messagestore.broker;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.messagestore.broker.security.AccessControl;
import org.messagestore.model.AdminProgress;
import org.messagestore.model.AdminResult;
import org.messagestore.model.BranchXid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management commands a client with the broker-wide {@code admin} permission runs over its own
 * connection (the {@code messagestore} tool): each takes string arguments and answers a table.
 *
 * <pre>
 * status                                            the broker's totals
 * queue.list                                        queue destinations (temporary ones included)
 * queue.stat        name [topic]                    one queue, or one subscription of topic
 * queue.purge       name [topic] [selector]         removes waiting messages
 * queue.move        name to [topic] [selector]      moves waiting messages to queue 'to'
 * queue.delete      name messageId [topic]          removes one waiting message by JMSMessageID
 * dlq.retry         [name=DLQ] [selector]           sends dead letters back to their queue
 * subscription.list [topic]                         topic subscriptions
 * subscription.delete name [topic]                  deletes a durable subscription (clientId:name)
 * xa.list | xa.commit xid | xa.rollback xid         in-doubt XA branches (BranchXid#text form)
 * connection.list | connection.close id            client connections
 * </pre>
 *
 * <p>Threads: the sweeps over a queue's messages ({@link #SWEEPS}: purge, move, delete, dead-letter retry)
 * run one at a time on the broker's {@code messagestore-admin-<name>} thread, so a purge of a long backlog
 * never holds a transport's or client's thread; the calling connection gets a future. That thread starts
 * on first use and stops with {@link #close()}. The other commands take a snapshot or settle one XA branch
 * and run on the calling thread, so a status never waits behind a purge.
 */
final class AdminCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminCommands.class);

    @FunctionalInterface
    private interface Command {
        AdminResult run(Arguments arguments, AdminProgress progress) throws JMSException;
    }

    /** What a queue or subscription row may show, by column name. */
    private static final Map<String, Function<QueueStatistics, Object>> QUEUE_VALUES = Map.ofEntries(
            Map.entry("name", QueueStatistics::name),
            Map.entry("topic", QueueStatistics::topic),
            Map.entry("kind", q -> q.kind().name().toLowerCase(Locale.ROOT)),
            Map.entry("depth", QueueStatistics::depth),
            Map.entry("inFlight", QueueStatistics::inFlight),
            Map.entry("consumers", QueueStatistics::consumers),
            Map.entry("added", QueueStatistics::added),
            Map.entry("delivered", QueueStatistics::delivered),
            Map.entry("acknowledged", QueueStatistics::acknowledged),
            Map.entry("redelivered", QueueStatistics::redelivered),
            Map.entry("expired", QueueStatistics::expired),
            Map.entry("deadLettered", QueueStatistics::deadLettered));
    private static final List<String> QUEUE_COLUMNS = List.of("name", "kind", "depth", "inFlight", "consumers", "added",
            "delivered", "acknowledged", "redelivered", "expired", "deadLettered");
    private static final List<String> SUBSCRIPTION_COLUMNS = List.of("name", "topic", "kind", "depth", "inFlight",
            "consumers", "added", "delivered", "acknowledged");

    /** The commands that walk a queue's messages, which may take long: they run on the admin thread. */
    static final Set<String> SWEEPS = Set.of("queue.purge", "queue.move", "queue.delete", "dlq.retry");

    /** The error code of a JMSException for an unknown command or a missing or malformed argument. */
    static final String BAD_ARGUMENT = "BAD_ARGUMENT";

    private final Broker broker;
    private final Map<String, Command> commands = new TreeMap<>();
    private ExecutorService executor;
    private boolean closed;

    AdminCommands(Broker broker) {
        this.broker = broker;
        commands.put("status", (a, p) -> status());
        commands.put("queue.list", (a, p) -> queues(broker.statistics().queues().stream()
                .filter(q -> q.topic() == null).toList()));
        commands.put("queue.stat", (a, p) -> queues(List.of(statistics(a.required("name"), a.optional("topic")))));
        commands.put("queue.purge", (a, p) -> AdminResult.single("removed", broker.queueOperations().purge(
                a.required("name"), a.optional("topic"), a.optional("selector"), progress(a, p))));
        commands.put("queue.move", (a, p) -> AdminResult.single("moved", broker.queueOperations().move(
                a.required("name"), a.optional("topic"), a.optional("selector"), a.required("to"), progress(a, p))));
        commands.put("queue.delete", (a, p) -> AdminResult.single("removed", broker.queueOperations().remove(
                a.required("name"), a.optional("topic"), a.required("messageId")) ? 1L : 0L));
        commands.put("dlq.retry", (a, p) -> {
            Arguments dlq = a.withDefault("name", RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE);
            return AdminResult.single("retried", broker.queueOperations().retryDeadLetters(
                    dlq.required("name"), a.optional("selector"), progress(dlq, p)));
        });
        commands.put("subscription.list", (a, p) -> subscriptions(a.optional("topic")));
        commands.put("subscription.delete", (a, p) -> {
            broker.deleteDurableSubscription(a.required("name"), a.optional("topic"));
            return AdminResult.single("deleted", a.required("name"));
        });
        commands.put("xa.list", (a, p) -> preparedBranches());
        commands.put("xa.commit", (a, p) -> settled(broker.preparedBranches().commit(xid(a))));
        commands.put("xa.rollback", (a, p) -> settled(broker.preparedBranches().rollback(xid(a))));
        commands.put("connection.list", (a, p) -> connections());
        commands.put("connection.close", (a, p) -> {
            String id = a.required("id");
            if (!broker.closeConnection(id)) {
                throw new JMSException("there is no connection '" + id + "'");
            }
            return AdminResult.single("closed", id);
        });
    }

    /** Runs {@code command} for a connection whose identity is checked by {@code access}; the answer comes later. */
    CompletableFuture<AdminResult> run(AccessControl access, String command, Map<String, String> arguments,
                                       AdminProgress progress) {
        try {
            access.checkManagement();
            Command found = commands.get(command);
            if (found == null) {
                throw badArgument("unknown command '" + command + "'; known: " + String.join(", ", commands.keySet()));
            }
            Arguments args = new Arguments(command, arguments);
            LOG.debug("{} runs {} {}", access.identity().describe(), command, arguments);
            if (SWEEPS.contains(command)) {
                return CompletableFuture.supplyAsync(() -> runNow(found, args, progress), executor());
            }
            return CompletableFuture.completedFuture(runNow(found, args, progress));
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        } catch (JMSException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Reports a long operation's running count against the depth of its queue at the start: an upper
     * bound (a selector may take fewer), which is what a progress bar needs.
     */
    private LongConsumer progress(Arguments arguments, AdminProgress progress) {
        long total = broker.statistics(arguments.required("name"), arguments.optional("topic"))
                .map(QueueStatistics::depth).orElse(-1L);
        return done -> progress.progress(done, total);
    }

    /** Runs a command on this thread; its failure is thrown as a CompletionException around a JMSException. */
    private static AdminResult runNow(Command command, Arguments arguments, AdminProgress progress) {
        try {
            return command.run(arguments, progress);
        } catch (JMSException e) {
            throw new CompletionException(e);
        } catch (IllegalArgumentException e) {
            throw new CompletionException(badArgument(e.getMessage()));
        }
    }

    /** A command that cannot run as asked; the same exception in-VM and over TCP. */
    private static JMSException badArgument(String message) {
        return new JMSException(message, BAD_ARGUMENT);
    }

    private synchronized ExecutorService executor() {
        if (closed) {
            throw new RejectedExecutionException("broker '" + broker.name() + "' is closed");
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "messagestore-admin-" + broker.name());
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    /** Stops the admin thread; a command still running is interrupted. */
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            closed = true;
            running = executor;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("the admin thread of broker '{}' did not stop within 10 seconds", broker.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private AdminResult status() {
        BrokerStatistics s = broker.statistics();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("broker", broker.name());
        row.put("connections", s.connections());
        row.put("sessions", s.sessions());
        row.put("memoryUsedBytes", s.memoryUsedBytes());
        row.put("memoryLimitBytes", s.memoryLimitBytes());
        row.put("blockedProducers", s.sendsWaitingForMemory());
        row.put("authenticationFailures", s.authenticationFailures());
        row.put("xaActive", s.activeTransactions());
        row.put("xaPrepared", s.preparedTransactions());
        row.put("xaHeuristic", s.heuristicTransactions());
        row.put("queues", s.queues().stream().filter(q -> q.topic() == null).count());
        row.put("subscriptions", s.queues().stream().filter(q -> q.topic() != null).count());
        return new AdminResult(List.copyOf(row.keySet()), List.of(row));
    }

    private QueueStatistics statistics(String name, String topic) throws InvalidDestinationException {
        return broker.statistics(name, topic).orElseThrow(() -> new InvalidDestinationException(topic == null
                ? "there is no queue '" + name + "'"
                : "topic '" + topic + "' has no subscription '" + name + "'"));
    }

    private static AdminResult queues(List<QueueStatistics> queues) {
        return table(queues, QUEUE_COLUMNS);
    }

    private AdminResult subscriptions(String topic) {
        return table(broker.statistics().queues().stream()
                .filter(q -> q.topic() != null && (topic == null || topic.equals(q.topic()))).toList(), SUBSCRIPTION_COLUMNS);
    }

    /** One row per queue, with {@code columns} (each one of {@link #QUEUE_VALUES}). */
    private static AdminResult table(List<QueueStatistics> queues, List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueueStatistics q : queues) {
            Map<String, Object> row = new LinkedHashMap<>();
            columns.forEach(column -> row.put(column, QUEUE_VALUES.get(column).apply(q)));
            rows.add(row);
        }
        return new AdminResult(columns, rows);
    }

    private AdminResult preparedBranches() {
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PreparedBranch branch : broker.preparedBranches().list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("xid", branch.xid().text());
            row.put("state", branch.state().name().toLowerCase(Locale.ROOT));
            row.put("preparedAt", branch.preparedAt() == null ? null : branch.preparedAt().toString());
            row.put("ageSeconds", branch.age(now) == null ? null : branch.age(now).toSeconds());
            row.put("destinations", String.join(",", new TreeSet<>(branch.destinations())));
            row.put("sent", branch.messagesSent());
            row.put("acknowledged", branch.messagesAcknowledged());
            rows.add(row);
        }
        return new AdminResult(List.of("xid", "state", "preparedAt", "ageSeconds", "destinations", "sent", "acknowledged"),
                rows);
    }

    private static AdminResult settled(PreparedBranch branch) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("xid", branch.xid().text());
        row.put("outcome", branch.state().name().toLowerCase(Locale.ROOT));
        return new AdminResult(List.of("xid", "outcome"), List.of(row));
    }

    private static BranchXid xid(Arguments arguments) {
        return BranchXid.parse(arguments.required("xid"));
    }

    private AdminResult connections() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConnectionInfo info : broker.connections()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", info.id());
            row.put("user", info.user());
            row.put("clientId", info.clientId());
            row.put("sessions", info.sessions());
            row.put("connectedAt", info.connectedAt().toString());
            rows.add(row);
        }
        return new AdminResult(List.of("id", "user", "clientId", "sessions", "connectedAt"), rows);
    }

    /** A command's arguments; a missing required one is an IllegalArgumentException naming it. */
    private record Arguments(String command, Map<String, String> values) {

        String required(String name) {
            String value = optional(name);
            if (value == null) {
                throw new IllegalArgumentException("command '" + command + "' needs the argument '" + name + "'");
            }
            return value;
        }

        /** These arguments with {@code name} set to {@code value} when it is absent. */
        Arguments withDefault(String name, String value) {
            if (optional(name) != null) {
                return this;
            }
            Map<String, String> more = new HashMap<>(values);
            more.put(name, value);
            return new Arguments(command, more);
        }

        /** The value, or null when absent or blank. */
        String optional(String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value;
        }
    }
}
