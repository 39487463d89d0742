package org.messagestore.protocol;

/**
 * One frame of the TCP protocol (see {@code package-info.java} for the bytes). The set is closed:
 * the handshake, the client's requests, the broker's responses, and what the broker pushes on its own.
 */
public sealed interface Frame permits HandshakeFrame, RequestFrame, ResponseFrame, PushFrame {

    /** Names the request a response answers; 0 for frames that answer nothing and expect no answer. */
    long correlationId();
}
