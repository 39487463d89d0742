package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.List;
import org.messagestore.model.BranchXid;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddDestination;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.AddSubscription;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.messagestore.store.StoreOperation.RemoveDestination;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoreOperation.RemoveSubscription;
import org.messagestore.store.StoreOperation.UpdateDeliveryCount;

/**
 * The stored form of the records that are not messages: durable subscriptions, XA branch ids, and
 * the values of the prepared-transactions store: a prepared branch's work list (which may carry whole
 * messages), or the heuristic outcome an operator gave it. Tags and formats are fixed numbers.
 *
 * <p>Threads: stateless.
 */
final class OperationCodec {

    private static final int FORMAT = 1;
    /** Prepared-transactions values: prepared work with its time (format 1 is work without a time). */
    private static final int PREPARED_FORMAT = 2;
    private static final int HEURISTIC_FORMAT = 3;

    private OperationCodec() {
    }

    static byte[] encodeSubscription(DurableSubscriptionRecord s) {
        BinaryWriter out = new BinaryWriter(64);
        out.writeByte(FORMAT).writeString(s.clientId()).writeString(s.name()).writeString(s.topic())
                .writeString(s.selector()).writeBoolean(s.noLocal()).writeBoolean(s.shared());
        return out.toByteArray();
    }

    static DurableSubscriptionRecord decodeSubscription(byte[] bytes, int length) {
        BinaryReader in = new BinaryReader(bytes, length, "stored durable subscription");
        requireFormat(in);
        return new DurableSubscriptionRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readBoolean(), in.readBoolean());
    }

    /** Also the key of the prepared-transactions store: equal Xids encode to equal bytes. */
    static byte[] encodeXid(BranchXid xid) {
        BinaryWriter out = new BinaryWriter(64);
        out.writeInt(xid.formatId()).writeBytes(xid.globalTransactionId()).writeBytes(xid.branchQualifier());
        return out.toByteArray();
    }

    static BranchXid decodeXid(byte[] bytes, int length) {
        BinaryReader in = new BinaryReader(bytes, length, "stored XA transaction id");
        return new BranchXid(in.readInt(), in.readBytes(), in.readBytes());
    }

    /** A work list (the acknowledgement journal's records). */
    static byte[] encodeWork(List<StoreOperation> work) {
        BinaryWriter out = new BinaryWriter(256);
        out.writeByte(FORMAT);
        writeWork(work, out);
        return out.toByteArray();
    }

    static List<StoreOperation> decodeWork(byte[] bytes, int length) {
        BinaryReader in = new BinaryReader(bytes, length, "stored work list");
        requireFormat(in);
        return readWork(in);
    }

    /** A prepared-transactions value: the prepared work with its time. */
    static byte[] encodePrepared(PrepareTransaction prepare) {
        BinaryWriter out = new BinaryWriter(256);
        out.writeByte(PREPARED_FORMAT).writeLong(prepare.preparedAt());
        writeWork(prepare.work(), out);
        return out.toByteArray();
    }

    /** A prepared-transactions value: an operator's decision on the branch, kept until it is forgotten. */
    static byte[] encodeHeuristic(HeuristicOutcome outcome) {
        return new BinaryWriter(10).writeByte(HEURISTIC_FORMAT).writeBoolean(outcome.committed()).writeLong(outcome.decidedAt())
                .toByteArray();
    }

    static boolean isHeuristic(byte[] bytes, int length) {
        return length > 0 && bytes[0] == HEURISTIC_FORMAT;
    }

    /** A prepared-transactions value that is not a heuristic outcome; written before times were kept, at 0. */
    static PreparedTransaction decodePrepared(BranchXid xid, byte[] bytes, int length) {
        BinaryReader in = new BinaryReader(bytes, length, "stored prepared transaction");
        int format = in.readByte();
        if (format != FORMAT && format != PREPARED_FORMAT) {
            throw in.malformed("not a prepared transaction: format " + format);
        }
        long preparedAt = format == PREPARED_FORMAT ? in.readLong() : 0;
        return new PreparedTransaction(xid, readWork(in), preparedAt);
    }

    static HeuristicOutcome decodeHeuristic(BranchXid xid, byte[] bytes, int length) {
        BinaryReader in = new BinaryReader(bytes, length, "stored heuristic outcome");
        int format = in.readByte();
        if (format != HEURISTIC_FORMAT) {
            throw in.malformed("not a heuristic outcome: format " + format);
        }
        return new HeuristicOutcome(xid, in.readBoolean(), in.readLong());
    }

    private static void writeWork(List<StoreOperation> work, BinaryWriter out) {
        out.writeInt(work.size());
        work.forEach(op -> writeOperation(op, out));
    }

    private static List<StoreOperation> readWork(BinaryReader in) {
        int count = in.readInt();
        List<StoreOperation> work = new ArrayList<>(Math.max(0, count));
        for (int i = 0; i < count; i++) {
            work.add(readOperation(in));
        }
        return work;
    }

    private static void writeOperation(StoreOperation op, BinaryWriter out) {
        if (op instanceof AddMessage add) {
            out.writeByte(1).writeLong(add.messageId());
            MessageCodec.write(add.message(), out);
        } else if (op instanceof AddReference ref) {
            out.writeByte(2).writeString(ref.queue().value()).writeLong(ref.messageId());
        } else if (op instanceof RemoveReference ref) {
            out.writeByte(3).writeString(ref.queue().value()).writeLong(ref.messageId());
        } else if (op instanceof UpdateDeliveryCount update && update.redeliverAt() == 0) {
            out.writeByte(4).writeString(update.queue().value()).writeLong(update.messageId()).writeInt(update.deliveryCount());
        } else if (op instanceof UpdateDeliveryCount update) {
            out.writeByte(9).writeString(update.queue().value()).writeLong(update.messageId()).writeInt(update.deliveryCount())
                    .writeLong(update.redeliverAt());
        } else if (op instanceof AddDestination add) {
            out.writeByte(5);
            MessageCodec.writeDestination(add.destination(), out);
        } else if (op instanceof RemoveDestination remove) {
            out.writeByte(6);
            MessageCodec.writeDestination(remove.destination(), out);
        } else if (op instanceof AddSubscription add) {
            out.writeByte(7).writeBytes(encodeSubscription(add.subscription()));
        } else if (op instanceof RemoveSubscription remove) {
            out.writeByte(8).writeBytes(encodeSubscription(remove.subscription()));
        } else {
            // PrepareTransaction's constructor rejects transaction operations inside prepared work.
            throw new IllegalArgumentException("cannot store " + op + " inside a prepared transaction");
        }
    }

    private static StoreOperation readOperation(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 1 -> new AddMessage(in.readLong(), MessageCodec.read(in));
            case 2 -> new AddReference(new QueueId(in.readString()), in.readLong());
            case 3 -> new RemoveReference(new QueueId(in.readString()), in.readLong());
            case 4 -> new UpdateDeliveryCount(new QueueId(in.readString()), in.readLong(), in.readInt());
            case 5 -> new AddDestination(MessageCodec.readDestination(in));
            case 6 -> new RemoveDestination(MessageCodec.readDestination(in));
            case 7 -> new AddSubscription(subscription(in));
            case 8 -> new RemoveSubscription(subscription(in));
            case 9 -> new UpdateDeliveryCount(new QueueId(in.readString()), in.readLong(), in.readInt(), in.readLong());
            default -> throw in.malformed("unknown operation tag " + tag);
        };
    }

    private static DurableSubscriptionRecord subscription(BinaryReader in) {
        byte[] bytes = in.readBytes();
        if (bytes == null) {
            throw in.malformed("missing durable subscription");
        }
        return decodeSubscription(bytes, bytes.length);
    }

    private static void requireFormat(BinaryReader in) {
        int format = in.readByte();
        if (format != FORMAT) {
            throw in.malformed("unknown format " + format);
        }
    }
}
