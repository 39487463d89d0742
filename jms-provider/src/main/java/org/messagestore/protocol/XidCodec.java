package org.messagestore.protocol;

import static org.messagestore.protocol.WireValues.readBytes;
import static org.messagestore.protocol.WireValues.writeBytes;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.model.BranchXid;

/**
 * The wire form of an XA transaction branch id (protocol version 2): int32 format id, then the global
 * transaction id and the branch qualifier as bytes, each 1 to 64 bytes long (XA specification, 4.2
 * "The XID structure": MAXGTRIDSIZE and MAXBQUALSIZE are 64). Anything else is a malformed frame.
 */
final class XidCodec {

    /** XA specification, 4.2: "MAXGTRIDSIZE" and "MAXBQUALSIZE". */
    static final int MAX_PART = 64;

    private XidCodec() {
    }

    static void write(ByteBuf out, BranchXid xid) {
        out.writeInt(xid.formatId());
        writeBytes(out, xid.globalTransactionId());
        writeBytes(out, xid.branchQualifier());
    }

    static BranchXid read(ByteBuf in) {
        int formatId = in.readInt();
        byte[] gtrid = part(readBytes(in, "global transaction id"), "global transaction id", 1);
        byte[] bqual = part(readBytes(in, "branch qualifier"), "branch qualifier", 0);
        return new BranchXid(formatId, gtrid, bqual);
    }

    static void writeList(ByteBuf out, List<BranchXid> xids) {
        out.writeInt(xids.size());
        xids.forEach(xid -> write(out, xid));
    }

    static List<BranchXid> readList(ByteBuf in) {
        int count = WireValues.readCount(in, "xid count");
        List<BranchXid> xids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            xids.add(read(in));
        }
        return xids;
    }

    private static byte[] part(byte[] bytes, String field, int min) {
        if (bytes == null || bytes.length < min || bytes.length > MAX_PART) {
            throw new MalformedFrameException(field + " must hold " + min + " to " + MAX_PART + " bytes, not "
                    + (bytes == null ? "null" : bytes.length));
        }
        return bytes;
    }
}
