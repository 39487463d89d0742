package org.messagestore.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import javax.transaction.xa.Xid;

/** An Xid as a transaction manager would make one: a fresh global id and a branch qualifier. */
record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {

    static TestXid fresh() {
        return new TestXid(4242, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    /** Whether {@code other} names the same branch (Xids compare by their parts, not by class). */
    boolean sameAs(Xid other) {
        return other.getFormatId() == formatId && Arrays.equals(other.getGlobalTransactionId(), gtrid)
                && Arrays.equals(other.getBranchQualifier(), bqual);
    }
}
