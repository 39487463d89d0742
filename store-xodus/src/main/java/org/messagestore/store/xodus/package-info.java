/**
 * The Xodus implementation of the store SPI: persistent queues, durable subscriptions and prepared
 * XA work in one JetBrains Xodus environment per data directory.
 *
 * <h2>Threads</h2>
 * One writer thread ({@code messagestore-store-writer-<dir>}) group-commits all batches but pure
 * acknowledgements: it puts each commit's changes in the change journal (one sync), then commits them to
 * Xodus without a sync. Pure acknowledgements are made durable by the acknowledgement thread
 * ({@code messagestore-store-acks-<dir>}) in the acknowledgement journal, and the writer applies them
 * later; one reader
 * thread ({@code messagestore-store-reader-<dir>}) runs recovery, cursor pages and schedule reads in short
 * read-only transactions; Xodus's garbage collector runs on {@code messagestore-store-cleaner-<dir>}
 * ({@link org.messagestore.store.xodus.CleanerThread}). No application thread calls into Xodus, so no
 * application interrupt can close a Xodus file channel.
 *
 * <h2>Disk space</h2>
 * Beside the {@code .xd} log files the directory holds {@code messagestore-xodus.properties} (the log
 * file size it was created with), {@code messagestore-space-reserve}, space kept back so that
 * acknowledgements still work when the disk fills up
 * ({@link org.messagestore.store.xodus.DiskSpaceReserve}), {@code changes.journal}
 * ({@link org.messagestore.store.xodus.ChangeJournal}), the changes of every commit since Xodus was last
 * synced, and {@code acknowledgements.journal}
 * ({@link org.messagestore.store.xodus.AcknowledgementJournal}), empty whenever Xodus holds every
 * acknowledgement.
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
 * <tr><td>{@code references}</td><td>queue number (4) | sequence (8)</td><td>message id (8) | delivery count (4)
 *     [| redeliver-at epoch millis (8), only when held back by a redelivery delay]; a queue's pending references, contiguous and in arrival order; a cursor pages them with
 *     range seeks</td></tr>
 * <tr><td>{@code referenceIndex}</td><td>queue number (4) | message id (8)</td><td>sequence (8): makes
 *     RemoveReference and UpdateDeliveryCount a point lookup. For a reference in a schedule index:
 *     sequence (8) | delivery time (8) | expiration (8), each time -1 when that index does not hold it,
 *     so removing the reference deletes its index entries without reading the message; see
 *     {@link org.messagestore.store.xodus.ScheduledTimes}</td></tr>
 * <tr><td>{@code deliverySchedule}</td><td>queue number (4) | JMSDeliveryTime (8) | sequence (8)</td><td>empty:
 *     the references {@link org.messagestore.store.ScheduleIndex#DELIVERY_TIME} holds (delayed messages), in
 *     {@link org.messagestore.store.ScheduleIndex.Key} order; message id and delivery count are read from
 *     {@code references} by queue number | sequence</td></tr>
 * <tr><td>{@code expirySchedule}</td><td>queue number (4) | JMSExpiration (8) | sequence (8)</td><td>empty: the
 *     same for {@link org.messagestore.store.ScheduleIndex#EXPIRATION} (messages that expire)</td></tr>
 * <tr><td>{@code destinations}</td><td>kind tag (1) | name (length-prefixed UTF-8)</td><td>empty</td></tr>
 * <tr><td>{@code subscriptions}</td><td>subscription's QueueId value (UTF-8)</td><td>durable subscription record</td></tr>
 * <tr><td>{@code prepared}</td><td>Xid: format id (4) | gtrid | bqual (length-prefixed)</td><td>the prepared work
 *     (operations, messages included) with its time; applied by CommitPrepared, dropped by RollbackPrepared.
 *     After an operator's heuristic decision the value is that outcome instead, until ForgetHeuristic</td></tr>
 * <tr><td>{@code meta}</td><td>{@code highestMessageId}, {@code layoutVersion} (UTF-8)</td><td>long, int
 *     (layout 2 since the schedule stores; a directory of another layout is refused at open)</td></tr>
 * </table>
 * Schedule times are indexed as written, except that a negative one is indexed as 0, so that every
 * stored time is non-negative and byte order stays numeric order. A message in neither schedule index
 * (no delivery delay, no expiration) costs no schedule write, and its referenceIndex value stays 8 bytes.
 * A reference's sequence is its {@link org.messagestore.store.StoredReference#position() position}:
 * a cursor resumes after it with one range seek. Next sequence numbers are not stored: the writer
 * finds a queue's last sequence with one reverse seek the first time it appends to it, and never goes
 * below one above the largest sequence stored when the store opened, so a position once read is not
 * reused in that run even by a queue that emptied meanwhile.
 */
package org.messagestore.store.xodus;
