package org.messagestore.client.message;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands for a deserialization gadget: its {@code readObject} records that it ran. */
final class RecordingGadget implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many were deserialized; tests reset it. */
    static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
