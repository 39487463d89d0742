/**
 * The TCP transport on Netty: {@link org.messagestore.transport.tcp.TcpConnector} (client, for
 * {@code tcp://host:port?options} URLs) and {@link org.messagestore.transport.tcp.TcpAcceptor}
 * (serves a broker). The frames are described in {@link org.messagestore.protocol}.
 *
 * <h2>Threads</h2>
 * <ul>
 * <li>Event loops ({@code messagestore-tcp-io-*} in the acceptor, one {@code messagestore-tcp-client-*}
 *     per client connection) decode, encode, send heartbeats and detect silent peers. They never
 *     wait: the broker side hands each request to the connection's ordered executor; the client side
 *     only completes futures and fills consumer buffers.</li>
 * <li>Broker calls run on {@code messagestore-tcp-broker-*}, a pool shared by the acceptor's
 *     connections, through one ordered executor per connection: a connection's requests are carried
 *     out one at a time in arrival order, and a call that waits (a send awaiting the store, an
 *     acknowledgement, a commit) holds only its own connection's turn.</li>
 * <li>Client calls wait on the caller's thread for their answer.</li>
 * </ul>
 * Each component stops the threads it started in {@code close()}.
 */
package org.messagestore.transport.tcp;
