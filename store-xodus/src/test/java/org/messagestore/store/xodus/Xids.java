package org.messagestore.store.xodus;

import java.util.HexFormat;
import javax.transaction.xa.Xid;

/** One text form of an Xid, so a coordinator JVM and a test can compare the branches they saw. */
final class Xids {

    private Xids() {
    }

    static String text(Xid xid) {
        HexFormat hex = HexFormat.of();
        return xid.getFormatId() + ":" + hex.formatHex(xid.getGlobalTransactionId()) + ":"
                + hex.formatHex(xid.getBranchQualifier());
    }
}
