package org.messagestore.client;

import java.util.Arrays;
import javax.transaction.xa.Xid;
import org.messagestore.model.BranchXid;

/**
 * An Xid the broker returned from recover: a transaction manager compares it with its own Xids by
 * format id and the bytes of both parts (JTA, Xid javadoc), so equality is by value.
 */
record BrokerXid(BranchXid xid) implements Xid {

    /** The broker's form of any Xid (its bytes are copied). */
    static BranchXid toStore(Xid xid) {
        if (xid instanceof BrokerXid own) {
            return own.xid;
        }
        return new BranchXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return xid.formatId();
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return xid.globalTransactionId();
    }

    @Override
    public byte[] getBranchQualifier() {
        return xid.branchQualifier();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xid other && other.getFormatId() == getFormatId()
                && Arrays.equals(other.getGlobalTransactionId(), getGlobalTransactionId())
                && Arrays.equals(other.getBranchQualifier(), getBranchQualifier());
    }

    @Override
    public int hashCode() {
        return xid.hashCode();
    }

    @Override
    public String toString() {
        return xid.toString();
    }
}
