package org.messagestore.protocol;

/** The first frame each side sends: the client's {@link Hello}, answered by {@link Welcome} or a {@link ResponseFrame.Failure}. */
public sealed interface HandshakeFrame extends Frame {

    @Override
    default long correlationId() {
        return 0;
    }

    /**
     * Opens a connection.
     *
     * @param version         protocol version the client speaks ({@link FrameCodec#VERSION})
     * @param user            user name, or null for an anonymous connection
     * @param password        password, or null
     * @param heartbeatMillis the heartbeat interval the client asks for
     * @param maxFrameBytes   the largest frame the client accepts
     */
    record Hello(int version, String user, String password, int heartbeatMillis, int maxFrameBytes)
            implements HandshakeFrame {

        @Override
        public String toString() {
            // Passwords never appear in logs.
            return "Hello[version=" + version + ", user=" + user + ", heartbeatMillis=" + heartbeatMillis
                    + ", maxFrameBytes=" + maxFrameBytes + "]";
        }
    }

    /**
     * The broker accepted the connection.
     *
     * @param connectionId    the broker's id for the connection
     * @param heartbeatMillis the agreed heartbeat interval: the smaller of the two asked for
     * @param maxFrameBytes   the largest frame the broker accepts
     */
    record Welcome(String connectionId, int heartbeatMillis, int maxFrameBytes) implements HandshakeFrame {
    }
}
