package io.shardline.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardline.proxy.protocol.Packets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: feeds a {@link ResponseTracker} one response, packet by packet, as they sit in a backend read
 * buffer (frame header first, after some unrelated bytes), and checks each packet's kind and that the response
 * is done after the last packet and not before.
 */
final class TrackerScript {
    private final ResponseTracker tracker = new ResponseTracker();
    private final List<byte[]> packets = new ArrayList<>();
    private final List<PacketKind> expected = new ArrayList<>();

    private TrackerScript(ResponseKind kind, boolean deprecateEof) {
        tracker.begin(kind, deprecateEof);
    }

    static TrackerScript response(ResponseKind kind, boolean deprecateEof) {
        return new TrackerScript(kind, deprecateEof);
    }

    TrackerScript then(byte[] payload, PacketKind kind) {
        packets.add(payload);
        expected.add(kind);
        return this;
    }

    /** Feeds every packet; checks kinds, and that only the last one ends the response. */
    ResponseTracker endsAfterLast() {
        List<PacketKind> actual = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            actual.add(feed(tracker, packets.get(i)));
            boolean last = i == packets.size() - 1;
            assertThat(tracker.isDone()).as("done after packet %d of %d (%s)", i + 1, packets.size(), actual)
                    .isEqualTo(last);
        }
        assertThat(actual).isEqualTo(expected);
        return tracker;
    }

    /** Feeds every packet and checks kinds; the response must not be done yet. */
    ResponseTracker staysOpen() {
        List<PacketKind> actual = new ArrayList<>();
        for (byte[] each : packets) {
            actual.add(feed(tracker, each));
            assertThat(tracker.isDone()).as("done after %s", actual).isFalse();
        }
        assertThat(actual).isEqualTo(expected);
        return tracker;
    }

    /** Feeds one payload framed in a buffer at a non-zero offset, as the backend handler does. */
    static PacketKind feed(ResponseTracker tracker, byte[] payload) {
        ByteBuf buf = Unpooled.buffer(payload.length + 11);
        try {
            buf.writeBytes(new byte[] {(byte) 0xfe, 0, 0, 0, 0, (byte) 0xff, 0});
            int frameIndex = buf.writerIndex();
            buf.writeMediumLE(payload.length).writeByte(1).writeBytes(payload);
            return tracker.accept(buf, frameIndex + Packets.HEADER_SIZE, payload.length);
        } finally {
            buf.release();
        }
    }
}
