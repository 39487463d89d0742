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
        return "Xid[" + text() + "]";
    }

    /** {@code formatId:gtrid:bqual}, the ids in hexadecimal: what an operator types to name a branch. */
    public String text() {
        HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(globalTransactionId) + ":" + hex.formatHex(branchQualifier);
    }

    /**
     * Reads {@link #text()} back, with or without the {@code Xid[...]} of {@link #toString()}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static BranchXid parse(String text) {
        String body = text.strip();
        if (body.startsWith("Xid[") && body.endsWith("]")) {
            body = body.substring(4, body.length() - 1);
        }
        String[] parts = body.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("an XA branch id is formatId:globalTransactionIdHex:branchQualifierHex, not '"
                    + text + "'");
        }
        try {
            HexFormat hex = HexFormat.of();
            return new BranchXid(Integer.parseInt(parts[0]), hex.parseHex(parts[1]), hex.parseHex(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an XA branch id: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }
}
