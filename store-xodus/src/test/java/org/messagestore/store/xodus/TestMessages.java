package org.messagestore.store.xodus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/** Builds messages and batches for the tests. */
final class TestMessages {

    static final DestinationName ORDERS = DestinationName.queue("orders");
    static final QueueId ORDERS_QUEUE = QueueId.ofQueue("orders");

    private TestMessages() {
    }

    static MessageData text(String text) {
        return new MessageData("ID:" + text, 1_700_000_000_000L, null, null, ORDERS, null, null, true, 4, 0, 0,
                Map.of("n", text), BodyType.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageData sized(int bytes) {
        return new MessageData(null, 0, null, null, ORDERS, null, null, true, 4, 0, 0, Map.of(), BodyType.BYTES, new byte[bytes]);
    }

    /** A send to one queue: the message and its reference. */
    static List<StoreOperation> send(QueueId queue, long id) {
        return List.of(new StoreOperation.AddMessage(id, text("m" + id)), new StoreOperation.AddReference(queue, id));
    }

    static List<StoreOperation> ack(QueueId queue, long id) {
        return List.of(new StoreOperation.RemoveReference(queue, id));
    }
}
