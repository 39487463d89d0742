package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class LoopConnectionsTest {

    @Test
    void aLoopServesSeveralConnectionsWhileMoreThanOneIsOpenOnIt() {
        var loops = new LoopConnections();
        EmbeddedChannel channel = new EmbeddedChannel();
        EventLoop loop = channel.eventLoop();

        assertThat(loops.servesSeveral(loop)).as("a loop it has not seen").isTrue();
        loops.opened(loop);
        assertThat(loops.servesSeveral(loop)).isFalse();
        loops.opened(loop);
        assertThat(loops.servesSeveral(loop)).isTrue();
        loops.closed(loop);
        assertThat(loops.servesSeveral(loop)).isFalse();
        channel.finishAndReleaseAll();
    }
}
