/**
 * The Xodus implementation of the store SPI: persistent queues, durable subscriptions and prepared
 * XA work in one JetBrains Xodus environment per data directory.
 *
 * <h2>Threads</h2>
 * One writer thread ({@code messagestore-store-writer-<dir>}) group-commits all batches; one reader
 * thread ({@code messagestore-store-reader-<dir>}) runs recovery and cursor pages in short
 * read-only transactions. No application thread calls into Xodus, so no application interrupt can
 * close a Xodus file channel.
 *
 * <h2>Key layout</h2>
 * All stores are {@code WITHOUT_DUPLICATES} B+trees; numbers are big-endian (unsigned byte order =
 * numeric order for the non-negative values used).
 * <table>
 * <caption>Xodus stores</caption>
 * <tr><th>store</th><th>key</th><th>value</th></tr>
 * <tr><td>{@code messages}</td><td>message id (8)</td><td>{@link org.messagestore.store.xodus.MessageCodec}
 *     encoding of the message, stored once however many queues reference it; above 512 KiB a header
 *     (0x7F, chunk count, length) instead, see {@link org.messagestore.store.xodus.MessageRecords}</td></tr>
 * <tr><td>{@code messageChunks}</td><td>message id (8) | chunk index (4)</td><td>up to 512 KiB of a large
 *     message's encoding (Xodus cannot write one value larger than a log file)</td></tr>
 * <tr><td>{@code referenceCounts}</td><td>message id (8)</td><td>reference count (4), only when above 1:
 *     an absent count means 1, which saves a write per message in the point-to-point case. The
 *     message is deleted with its last reference</td></tr>
 * <tr><td>{@code queues}</td><td>{@link org.messagestore.store.QueueId} value (UTF-8)</td><td>queue number (4),
 *     allocated once, so reference keys are short</td></tr>
 * <tr><td>{@code references}</td><td>queue number (4) | sequence (8)</td><td>message id (8) | delivery count (4);
 *     a queue's pending references, contiguous and in arrival order; a cursor pages them with
 *     range seeks</td></tr>
 * <tr><td>{@code referenceIndex}</td><td>queue number (4) | message id (8)</td><td>sequence (8): makes
 *     RemoveReference and UpdateDeliveryCount a point lookup</td></tr>
 * <tr><td>{@code destinations}</td><td>kind tag (1) | name (length-prefixed UTF-8)</td><td>empty</td></tr>
 * <tr><td>{@code subscriptions}</td><td>subscription's QueueId value (UTF-8)</td><td>durable subscription record</td></tr>
 * <tr><td>{@code prepared}</td><td>Xid: format id (4) | gtrid | bqual (length-prefixed)</td><td>the prepared work
 *     (operations, messages included); applied by CommitPrepared, dropped by RollbackPrepared</td></tr>
 * <tr><td>{@code meta}</td><td>{@code highestMessageId}, {@code layoutVersion} (UTF-8)</td><td>long, int</td></tr>
 * </table>
 * A reference's sequence is its {@link org.messagestore.store.StoredReference#position() position}:
 * a cursor resumes after it with one range seek. Next sequence numbers are not stored: the writer
 * finds a queue's last sequence with one reverse seek the first time it appends to it, and never goes
 * below one above the largest sequence stored when the store opened, so a position once read is not
 * reused in that run even by a queue that emptied meanwhile.
 */
package org.messagestore.store.xodus;
