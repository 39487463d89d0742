/**
 * The TCP transport: {@link org.messagestore.transport.tcp.TcpConnector} (client, for
 * {@code tcp://host:port?options} and {@code ssl://} URLs) and
 * {@link org.messagestore.transport.tcp.TcpAcceptor} (serves a broker, on Netty). The frames are
 * described in {@link org.messagestore.protocol}.
 *
 * <h2>Threads</h2>
 * <ul>
 * <li>The acceptor's event loops ({@code messagestore-tcp-io-*}) decode, encode, send heartbeats and
 *     detect silent peers. They never wait: they serve the requests that never wait themselves and
 *     hand the others to the connection's ordered executor.</li>
 * <li>Broker calls run on {@code messagestore-tcp-broker-*}, a pool shared by the acceptor's
 *     connections, through one ordered executor per connection: a connection's requests are carried
 *     out one at a time in arrival order, and a call that waits (a send awaiting the store, an
 *     acknowledgement, a commit) holds only its own connection's turn.</li>
 * <li>Each client connection has one thread that reads ({@code messagestore-tcp-client-*}): it
 *     decodes, completes futures, fills consumer buffers, and sends heartbeats and detects a silent
 *     broker. Over tcp:// it is a plain thread and client calls write their requests to the socket
 *     themselves ({@link org.messagestore.transport.tcp.SocketClientLink}); over ssl:// it is a Netty
 *     event loop that does the writing too.</li>
 * <li>Client calls wait on the caller's thread for their answer.</li>
 * </ul>
 * Each component stops the threads it started in {@code close()}.
 */
package org.messagestore.transport.tcp;
