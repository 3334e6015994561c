package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketsTest {
    private static final int FULL = Packets.MAX_FRAME_PAYLOAD;

    /** One frame read back from framed bytes. */
    record Frame(int length, int sequenceId) {
    }

    @Test
    void beginAndFinishWriteTheHeader() {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf packet = Packets.begin(alloc, 5);
        packet.writeByte(0x00).writeBytes(new byte[] {1, 2, 3});

        ByteBuf finished = Packets.finish(packet);

        assertThat(finished).isSameAs(packet);
        assertThat(ByteBufUtil.getBytes(finished)).containsExactly(4, 0, 0, 5, 0, 1, 2, 3);
        assertThat(Packets.payloadLength(finished, 0)).isEqualTo(4);
        assertThat(Packets.sequenceId(finished, 0)).isEqualTo(5);
        finished.release();
        alloc.assertAllReleased();
    }

    @Test
    void finishRefusesAFullFrameAndReleasesThePacket() {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf packet = Packets.begin(alloc, 0);
        packet.writeZero(FULL);

        assertThatThrownBy(() -> Packets.finish(packet))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(FULL));
        assertThat(packet.refCnt()).isZero();
        alloc.assertAllReleased();
    }

    @ParameterizedTest(name = "{0} bytes from seq {1}")
    @CsvSource({
            "0, 0",
            "1, 3",
            "16777214, 0",
            "16777215, 0",      // exactly one full frame: an empty frame ends it
            "16777216, 9",
            "33554430, 1",      // two full frames and an empty one
            "33554530, 254",    // sequence ids wrap past 255
    })
    void frameSplitsPayloadsWithConsecutiveSequenceIds(int size, int firstSequenceId) {
        TrackingAllocator alloc = new TrackingAllocator();
        byte[] payload = Wire.filled(size, size);
        ByteBuf input = alloc.buffer(size).writeBytes(payload);

        ByteBuf framed = Packets.frame(alloc, input, firstSequenceId);
        byte[] bytes = ByteBufUtil.getBytes(framed);
        framed.release();

        List<Frame> frames = new ArrayList<>();
        byte[] joined = readFrames(bytes, frames);
        List<Frame> expected = new ArrayList<>();
        int sequenceId = firstSequenceId;
        for (int left = size; ; left -= FULL) {
            int chunk = Math.min(left, FULL);
            expected.add(new Frame(chunk, sequenceId));
            sequenceId = (sequenceId + 1) & 0xff;
            if (chunk < FULL) {
                break; // a full last frame is followed by an empty one
            }
        }
        assertThat(frames).isEqualTo(expected);
        assertThat(Arrays.equals(joined, payload)).as("payload survives framing").isTrue();
        assertThat(input.refCnt()).as("frame takes ownership of the payload").isZero();
        alloc.assertAllReleased();
    }

    @Test
    void framedPayloadDecodesBackToOnePacketWithTheLastSequenceId() {
        TrackingAllocator alloc = new TrackingAllocator();
        byte[] payload = Wire.filled(FULL + 7, 1);
        ByteBuf framed = Packets.frame(alloc, alloc.buffer().writeBytes(payload), 4);
        byte[] stream = ByteBufUtil.getBytes(framed);
        framed.release();

        assertThat(PacketDecoderTest.decode(64 << 20, stream, new int[] {stream.length}))
                .containsExactly(new PacketDecoderTest.Decoded(5, payload));
        alloc.assertAllReleased();
    }

    private static byte[] readFrames(byte[] bytes, List<Frame> frames) {
        Wire joined = Wire.bytes();
        int offset = 0;
        while (offset < bytes.length) {
            int length = (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16;
            frames.add(new Frame(length, bytes[offset + 3] & 0xff));
            joined.raw(Arrays.copyOfRange(bytes, offset + 4, offset + 4 + length));
            offset += 4 + length;
        }
        return joined.array();
    }
}
