package org.messagestore.model;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An XA transaction branch id as the store keeps it (a copy of a {@code javax.transaction.xa.Xid}),
 * with value equality over the byte arrays.
 */
public record BranchXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {

    public BranchXid {
        globalTransactionId = globalTransactionId.clone();
        branchQualifier = branchQualifier.clone();
    }

    @Override
    public byte[] globalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchXid x
                && x.formatId == formatId
                && Arrays.equals(x.globalTransactionId, globalTransactionId)
                && Arrays.equals(x.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Xid[" + formatId + ":" + hex.formatHex(globalTransactionId) + ":" + hex.formatHex(branchQualifier) + "]";
    }
}
