package org.messagestore.store.xodus;

/** A stored record could not be decoded: the data directory is damaged or was written by an incompatible version. */
final class CorruptRecordException extends RuntimeException {

    CorruptRecordException(String message) {
        super(message);
    }
}
