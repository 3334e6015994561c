package io.shardline.proxy.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Bytes in and out of every connection sharing one counter, messages passed on untouched. */
class ByteCounterTest {
    @Test
    void countsBothDirectionsOverAllChannels() {
        ByteCounter counter = new ByteCounter();
        EmbeddedChannel first = new EmbeddedChannel(counter);
        EmbeddedChannel second = new EmbeddedChannel(counter);

        first.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        second.writeInbound(Unpooled.wrappedBuffer(new byte[5]));
        first.writeOutbound(Unpooled.wrappedBuffer(new byte[100]));

        assertThat(counter.received()).isEqualTo(15);
        assertThat(counter.sent()).isEqualTo(100);
        ByteBuf passed = first.readInbound();
        assertThat(passed.readableBytes()).as("passed on unread").isEqualTo(10);
        passed.release();
        assertThat(first.finishAndReleaseAll()).isTrue();
        assertThat(second.finishAndReleaseAll()).isTrue();
    }
}
