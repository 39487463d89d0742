package org.messagestore.model;

/** Hears how far a long management operation (a purge, a move) has come. */
@FunctionalInterface
public interface AdminProgress {

    AdminProgress NONE = (done, total) -> { };

    /**
     * @param done  messages handled so far
     * @param total how many there were when the operation started, or -1 when unknown
     */
    void progress(long done, long total);
}
