package org.messagestore.server;

import javax.transaction.xa.Xid;

/** A fixed XA branch id for the tests that prepare a branch through the client's XAResource. */
record TestXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) implements Xid {

    /** {@code 99:010203:04}, as the broker lists it. */
    static final TestXid SAMPLE = new TestXid(99, new byte[] {1, 2, 3}, new byte[] {4});
    static final String SAMPLE_TEXT = "99:010203:04";

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }
}
