package org.messagestore.store.xodus;

/**
 * Where a coordinator of the XA crash tests stops inside the two-phase commit of one of its transactions,
 * and how: it halts its JVM (as SIGKILL would: no shutdown hook, no Narayana clean-up), or it pauses, prints
 * {@code PAUSED}, and waits for the test to kill something and send a line on its standard input. The
 * broker's branch is enlisted after the database's, so Narayana prepares it last and commits it last.
 *
 * <p>Text form {@code transaction:point:stop}, such as {@code 3:BEFORE_OUR_COMMIT:HALT}, or {@code none}.
 *
 * @param transaction the 1-based number of the transaction, in this coordinator JVM, to stop in
 */
record KillPlan(int transaction, Point point, Stop stop) {

    enum Point {
        /** Both branches prepared, Narayana's decision not yet logged: recovery must roll both back (presumed abort). */
        AFTER_BOTH_PREPARED,
        /** Decision logged and the database's branch committed; the broker's branch still prepared. */
        BEFORE_OUR_COMMIT,
        /** Both branches committed, Narayana's log record not yet removed. */
        AFTER_OUR_COMMIT
    }

    enum Stop {
        HALT, PAUSE
    }

    static final KillPlan NONE = new KillPlan(0, null, null);

    static KillPlan parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        String[] parts = text.split(":");
        return new KillPlan(Integer.parseInt(parts[0]), Point.valueOf(parts[1]), Stop.valueOf(parts[2]));
    }

    boolean stopsIn(int transactionNumber, Point at) {
        return transaction == transactionNumber && point == at;
    }

    @Override
    public String toString() {
        return this == NONE || point == null ? "none" : transaction + ":" + point + ":" + stop;
    }
}
