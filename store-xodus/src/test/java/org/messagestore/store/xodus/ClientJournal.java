package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the clients of {@link BrokerCrashTest} saw, in order, and what that implies for the queues after
 * the broker is killed and restarted.
 *
 * <p>Every client action is written down around the call that does it: {@code SEND-PENDING} before
 * {@code send()}, {@code COMMIT-PENDING} before a producer's {@code commit()}, {@code SENT} only after
 * {@code send()} (or the transaction's {@code commit()}) returned; {@code RECV} when {@code receive()}
 * returned a message; {@code ACK-PENDING} before {@code acknowledge()} or a consumer's {@code commit()},
 * {@code ACKED} after it returned. All methods are synchronized: the order of the lines is the order in
 * which the client threads observed things.
 */
final class ClientJournal {

    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> txOfId = new HashMap<>();
    private final Map<String, Set<String>> txMembers = new LinkedHashMap<>();
    private final Set<String> sendPending = new HashSet<>();
    private final Set<String> commitPending = new HashSet<>();
    private final Set<String> sent = new HashSet<>();
    private final Set<String> received = new HashSet<>();
    private final Set<String> ackPending = new HashSet<>();
    private final Set<String> acked = new HashSet<>();
    private final List<String> violations = new ArrayList<>();

    /** Before {@code send()}; {@code tx} is null outside a transaction. */
    synchronized void sendPending(String id, String tx) {
        line("SEND-PENDING " + id + (tx == null ? "" : " tx=" + tx));
        sendPending.add(id);
        if (tx != null) {
            txOfId.put(id, tx);
            txMembers.computeIfAbsent(tx, t -> new HashSet<>()).add(id);
        }
    }

    synchronized void commitPending(String tx) {
        line("COMMIT-PENDING " + tx);
        commitPending.add(tx);
    }

    synchronized void rolledBack(String tx) {
        line("ROLLED-BACK " + tx);
    }

    /** After {@code send()} returned outside a transaction, or its transaction's {@code commit()} returned. */
    synchronized void sent(String id) {
        line("SENT " + id);
        sent.add(id);
    }

    /** When {@code receive()} returned the message; checks it may be delivered at all. */
    synchronized void received(String id, boolean redelivered) {
        line("RECV " + id + (redelivered ? " redelivered" : ""));
        if (id == null || !sendPending.contains(id)) {
            violation("received a message nobody sent: " + id);
            return;
        }
        if (acked.contains(id)) {
            violation("received again after its acknowledgement returned: " + id);
        }
        String tx = txOfId.get(id);
        if (tx != null && !commitPending.contains(tx)) {
            violation("received a message of transaction " + tx + " before its commit was called: " + id);
        }
        received.add(id);
    }

    synchronized void ackPending(Collection<String> ids) {
        ids.forEach(id -> line("ACK-PENDING " + id));
        ackPending.addAll(ids);
    }

    synchronized void acked(Collection<String> ids) {
        ids.forEach(id -> line("ACKED " + id));
        acked.addAll(ids);
    }

    synchronized void consumerRolledBack(Collection<String> ids) {
        ids.forEach(id -> line("NOT-ACKED " + id));
    }

    synchronized void note(String text) {
        line(text);
    }

    synchronized void violation(String text) {
        line("VIOLATION " + text);
        violations.add(text);
    }

    synchronized int sentCount() {
        return sent.size();
    }

    synchronized int ackedCount() {
        return acked.size();
    }

    synchronized int size() {
        return lines.size();
    }

    /**
     * Everything wrong with {@code drained} (the ids left in every queue after the restart, in the order
     * they were received) given what the clients saw before the kill, plus what was already wrong before.
     */
    synchronized List<String> check(List<String> drained) {
        List<String> found = new ArrayList<>(violations);
        Set<String> present = new HashSet<>();
        for (String id : drained) {
            if (!present.add(id)) {
                found.add("present more than once after restart: " + id);
            }
            if (id == null || !sendPending.contains(id)) {
                found.add("present after restart but never sent: " + id);
            } else if (acked.contains(id)) {
                found.add("present after restart although its acknowledgement returned (ACKED): " + id);
            }
        }
        for (String id : sent) {
            if (!present.contains(id) && !ackPending.contains(id)) {
                found.add("lost: send returned (SENT) and never acknowledged, but absent after restart: " + id);
            }
        }
        txMembers.forEach((tx, members) -> {
            List<String> observed = members.stream().filter(id -> present.contains(id) || received.contains(id)).sorted().toList();
            if (observed.isEmpty()) {
                return;
            }
            if (!commitPending.contains(tx)) {
                found.add("transaction " + tx + " was never committed but its messages exist: " + observed);
            } else if (observed.size() != members.size()) {
                found.add("transaction " + tx + " partly applied: " + observed + " of " + members.stream().sorted().toList());
            }
        });
        return found;
    }

    /** The last {@code count} lines, and every line that mentions one of {@code ids}. */
    synchronized String report(int count, Collection<String> ids) {
        StringBuilder out = new StringBuilder();
        out.append("journal: ").append(lines.size()).append(" lines; last ").append(Math.min(count, lines.size())).append(":\n");
        lines.subList(Math.max(0, lines.size() - count), lines.size()).forEach(l -> out.append("  ").append(l).append('\n'));
        for (String id : ids) {
            out.append("lines about ").append(id).append(":\n");
            String tx = txOfId.get(id);
            lines.stream().filter(l -> mentions(l, id) || (tx != null && mentions(l, tx)))
                    .forEach(l -> out.append("  ").append(l).append('\n'));
        }
        return out.toString();
    }

    private static boolean mentions(String line, String token) {
        int at = line.indexOf(token);
        while (at >= 0) {
            int end = at + token.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1)) && line.charAt(at - 1) != '-';
            boolean endOk = end == line.length() || !Character.isLetterOrDigit(line.charAt(end)) && line.charAt(end) != '-';
            if (startOk && endOk) {
                return true;
            }
            at = line.indexOf(token, at + 1);
        }
        return false;
    }

    private void line(String text) {
        lines.add(lines.size() + " " + Thread.currentThread().getName() + " " + text);
    }
}
