/**
 * The MessageStore TCP protocol, version 4: frames and their codec. Version 2 added the XA frames
 * (0x24-0x2A, 0x43-0x45) to version 1, version 3 {@code PipelinedSend} (0x2B) and {@code LazyAcknowledge} (0x2C),
 * version 4 the management frames (0x2D, 0x46, 0x64); none changed anything
 * else. A broker serves clients of versions 1 to 4 (an older client never sends the newer frames); a
 * client needs a broker of its version or newer.
 *
 * <h2>Framing</h2>
 * A connection is a stream of frames in each direction. Every frame is
 * <pre>
 *   int32   length          bytes after this field (type + correlation id + payload)
 *   uint8   type            see {@code FrameType}; unknown types are malformed
 *   int64   correlationId   request id chosen by the client, echoed by the answer; 0 when unused
 *   ...     payload         fields of the frame's record, in declaration order
 * </pre>
 * All integers are big-endian. A frame longer than the receiver's {@code maxFrameBytes}, a payload
 * that ends inside a field or leaves bytes over, a length that does not fit the frame, an unknown
 * enum value or a boolean other than 0/1 is <em>malformed</em>: the receiver logs why and closes that
 * connection (never the broker).
 *
 * <h2>Field encodings</h2>
 * <ul>
 * <li>string: int32 byte count (-1 = null), then each UTF-16 code unit as 1-3 bytes (CESU-8, so
 *     unpaired surrogates survive);</li>
 * <li>bytes: int32 length (-1 = null), then the bytes;</li>
 * <li>boolean: one byte, 0 or 1;</li>
 * <li>destination: uint8 kind (ordinal of {@code DestinationName.Kind}; 0xFF = null), then the name as a string;</li>
 * <li>xid (version 2): int32 format id, global transaction id as bytes (1-64), branch qualifier as
 *     bytes (0-64), as the XA specification bounds them;</li>
 * <li>MessageData: messageId string, timestamp int64, correlationId string, correlationIdBytes bytes,
 *     destination, replyTo (nullable destination), type string, persistent boolean, priority uint8,
 *     expiration int64, deliveryTime int64, properties, bodyType uint8 (ordinal of {@code BodyType}),
 *     body bytes;</li>
 * <li>properties: int32 count, then per property its name (string), a uint8 tag and the value:
 *     0 null (a String property holding null), 1 boolean, 2 int8, 3 int16, 4 int32, 5 int64,
 *     6 float32, 7 float64, 8 string. Map order is kept.</li>
 * </ul>
 *
 * <h2>Conversation</h2>
 * <ol>
 * <li>The client sends {@code Hello} (0x01): magic int32 "MSTR", uint8 protocol version, user,
 *     password, int32 heartbeat interval it asks for, int32 the largest frame it accepts. The broker
 *     answers {@code Welcome} (0x02: connection id, agreed heartbeat = the smaller of both sides',
 *     the largest frame the broker accepts) or {@code Failure} with correlation id 0
 *     (JMSSecurityException for refused credentials, JMSException for an unsupported version) and
 *     closes. Any other first frame is a protocol error.</li>
 * <li>Then the client sends requests (0x10-0x2D), one per {@code BrokerConnection} method, each with
 *     a fresh correlation id. The broker carries a connection's requests out in the order received
 *     and answers each with {@code Ok} (0x40), {@code BrowseResult} (0x41: int32 count + MessageData
 *     each) or {@code Failure} (0x42: exception class name, message, error code) carrying the same
 *     id; the client rebuilds the same {@code jakarta.jms} exception type. Answers to different
 *     requests may arrive out of request order (a persistent send answers when it is durable).
 *     {@code Consumed} (0x16), {@code Pull} (0x17) and {@code CloseBrowser} (0x1F) are one-way: no
 *     answer, correlation id 0.</li>
 * <li>Pipelined sends (version 3): {@code PipelinedSend} (0x2B) has the payload of {@code Send} (0x15:
 *     session id, MessageData) and is answered the same way, but the client does not wait for the
 *     answer before its next request: it sends so in a transaction or XA branch and for non-persistent
 *     messages, with at most a window of bytes unanswered. A failed pipelined send dooms the session's
 *     transaction (its {@code Commit} fails with TransactionRolledBackException and rolls back) or XA
 *     branch (prepare and one-phase commit fail with XA_RBROLLBACK); a failed non-persistent one reaches
 *     the connection's ExceptionListener.</li>
 * <li>Lazy acknowledgement (version 3): {@code LazyAcknowledge} (0x2C: session id). The broker settles the
 *     session's consumed deliveries at once and answers {@code Ok} when their removal is durable; the
 *     client does not wait for the answer, except to keep at most two of a session's unanswered.</li>
 * <li>XA (version 2): {@code XaStart} (0x24: session id, xid, int32 flags), {@code XaEnd} (0x25: session id,
 *     xid, int32 flags), {@code XaPrepare} (0x26: xid), {@code XaCommit} (0x27: xid, onePhase boolean),
 *     {@code XaRollback} (0x28: xid), {@code XaRecover} (0x29: header only), {@code XaForget} (0x2A: xid);
 *     flags are the {@code javax.transaction.xa.XAResource} constants. The answers are {@code Ok},
 *     {@code XaVote} (0x43: int32 XA_OK 0 or XA_RDONLY 3) for prepare, {@code XaRecovered} (0x44: int32
 *     count, then each xid) for recover, or, when the broker threw an XAException, {@code XaFailure}
 *     (0x45: int32 XA error code, message string), which the client rethrows as an XAException with the
 *     same code. A {@code Failure} answer to an XA request (the broker failed otherwise) becomes
 *     XAER_RMERR, a failed connection XAER_RMFAIL.</li>
 * <li>The broker pushes, with correlation id 0: {@code Delivery} (0x60: consumer id, delivery id,
 *     int32 delivery count, MessageData), {@code DiscardBuffered} (0x61: consumer id), and
 *     {@code ConnectionFailed} (0x62: exception class name, message) just before it closes the
 *     connection on its own. The client applies deliveries and discards in the order received, which
 *     is the order the broker made them.</li>
 * <li>Management (version 4): {@code Admin} (0x2D: command string, arguments as properties whose values
 *     are all strings) runs one command of the {@code messagestore} tool; the broker needs the
 *     broker-wide admin permission and answers {@code AdminResult} (0x46: int32 column count, each
 *     column name as a string, int32 row count, each row as properties) or {@code Failure}. While a long
 *     command runs, the broker may push {@code AdminProgress} (0x64, correlation id 0: int64 id of the
 *     request, int64 messages done, int64 total or -1). Other requests of the connection go on meanwhile.</li>
 * <li>Either side sends {@code Heartbeat} (0x63, header only) after one agreed interval without
 *     writing, and closes a connection that was silent for three intervals.</li>
 * <li>The client ends with {@code CloseConnection} (0x22), waits for its {@code Ok}, and closes the
 *     socket. A socket that closes any other way closes the broker connection too: its uncommitted
 *     work rolls back and its unacknowledged messages are redelivered.</li>
 * </ol>
 */
package org.messagestore.protocol;
