package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {
    private static final int MAX = 40 * 1024 * 1024;
    private static final int FULL = Packets.MAX_FRAME_PAYLOAD;

    /** A decoded packet copied out of its buffer (which has been released). */
    record Decoded(int sequenceId, byte[] payload) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Decoded that && sequenceId == that.sequenceId
                    && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return 31 * sequenceId + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Decoded[seq=" + sequenceId + ", length=" + payload.length + "]";
        }
    }

    private static final byte[] SMALL_STREAM = Wire.concat(
            Wire.frame(0, Wire.bytes().u8(CommandCode.COM_QUERY).raw("SELECT 1").array()),
            Wire.frame(1, new byte[0]),
            Wire.frame(7, Wire.bytes().u8(CommandCode.COM_PING).array()),
            Wire.frame(255, Wire.filled(300, 5)));

    private static final List<Decoded> SMALL_EXPECTED = List.of(
            new Decoded(0, Wire.bytes().u8(CommandCode.COM_QUERY).raw("SELECT 1").array()),
            new Decoded(1, new byte[0]),
            new Decoded(7, new byte[] {CommandCode.COM_PING}),
            new Decoded(255, Wire.filled(300, 5)));

    @Test
    void singlePacket() {
        byte[] payload = Wire.bytes().u8(CommandCode.COM_QUERY).raw("SELECT 1").array();

        assertThat(decode(MAX, Wire.frame(3, payload), wholeStream(Wire.frame(3, payload).length)))
                .containsExactly(new Decoded(3, payload));
    }

    @Test
    void severalPacketsInOneBuffer() {
        assertThat(decode(MAX, SMALL_STREAM, wholeStream(SMALL_STREAM.length))).isEqualTo(SMALL_EXPECTED);
    }

    @Test
    void splitAtEveryByteBoundary() {
        for (int cut = 1; cut < SMALL_STREAM.length; cut++) {
            assertThat(decode(MAX, SMALL_STREAM, new int[] {cut, SMALL_STREAM.length - cut}))
                    .as("cut at %d", cut).isEqualTo(SMALL_EXPECTED);
        }
    }

    @Test
    void byteByByte() {
        int[] ones = new int[SMALL_STREAM.length];
        Arrays.fill(ones, 1);
        assertThat(decode(MAX, SMALL_STREAM, ones)).isEqualTo(SMALL_EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20240601})
    void randomChunks(long seed) {
        assertThat(decode(MAX, SMALL_STREAM, randomChunks(SMALL_STREAM.length, 1, 40, seed)))
                .isEqualTo(SMALL_EXPECTED);
    }

    @Test
    void incompletePacketWaitsForTheRest() {
        byte[] frame = Wire.frame(0, Wire.filled(10, 1));
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(MAX, alloc);
        ByteBuf first = copy(alloc, frame, 0, 9);
        ByteBuf second = copy(alloc, frame, 9, frame.length - 9);

        channel.writeInbound(first);
        assertThat(channel.<Packet>readInbound()).isNull();
        channel.writeInbound(second);
        Packet packet = channel.readInbound();

        assertThat(packet.sequenceId()).isEqualTo(0);
        assertThat(packet.nextSequenceId()).isEqualTo(1);
        assertThat(ByteBufUtil.getBytes(packet.payload())).isEqualTo(Wire.filled(10, 1));
        packet.release();
        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void payloadOfExactlyOneFullFrameEndsWithAnEmptyFrame() {
        byte[] payload = Wire.filled(FULL, 9);
        byte[] stream = Wire.concat(Wire.frame(3, payload), Wire.frame(4, new byte[0]));

        List<Decoded> decoded = decode(MAX, stream, randomChunks(stream.length, 1, 3 << 20, 7));

        assertThat(decoded).containsExactly(new Decoded(4, payload));
    }

    @Test
    void fullFrameIsNotAPacketUntilItsTerminatorArrives() {
        byte[] payload = Wire.filled(FULL, 2);
        byte[] stream = Wire.concat(Wire.frame(0, payload), Wire.frame(1, new byte[0]));
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(MAX, alloc);
        ByteBuf body = copy(alloc, stream, 0, stream.length - 4);
        ByteBuf terminator = copy(alloc, stream, stream.length - 4, 4);

        channel.writeInbound(body);
        assertThat(channel.<Packet>readInbound()).as("before the empty frame").isNull();
        channel.writeInbound(terminator);
        Packet packet = channel.readInbound();

        assertThat(packet.sequenceId()).isEqualTo(1);
        assertThat(packet.payload().readableBytes()).isEqualTo(FULL);
        packet.release();
        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
        assertThat(body.refCnt()).isZero();
        assertThat(terminator.refCnt()).isZero();
    }

    @Test
    void payloadOverSixteenMebibytesIsJoinedAndCarriesTheLastSequenceId() {
        byte[] payload = Wire.filled(2 * FULL + 12_345, 3);
        byte[] small = Wire.bytes().u8(CommandCode.COM_PING).array();
        byte[] stream = Wire.concat(
                Wire.frame(7, Arrays.copyOfRange(payload, 0, FULL)),
                Wire.frame(8, Arrays.copyOfRange(payload, FULL, 2 * FULL)),
                Wire.frame(9, Arrays.copyOfRange(payload, 2 * FULL, payload.length)),
                Wire.frame(0, small));

        for (long seed : new long[] {11, 12}) {
            assertThat(decode(MAX, stream, randomChunks(stream.length, 1, 4 << 20, seed)))
                    .containsExactly(new Decoded(9, payload), new Decoded(0, small));
        }
    }

    @Test
    void joinedPayloadSplitRightAtFrameHeaders() {
        byte[] payload = Wire.filled(FULL + 100, 4);
        byte[] stream = Wire.concat(
                Wire.frame(1, Arrays.copyOfRange(payload, 0, FULL)),
                Wire.frame(2, Arrays.copyOfRange(payload, FULL, payload.length)));
        int secondHeader = 4 + FULL;

        for (int cut : new int[] {secondHeader - 1, secondHeader, secondHeader + 1, secondHeader + 3,
                secondHeader + 4, 3, 4}) {
            assertThat(decode(MAX, stream, new int[] {cut, stream.length - cut}))
                    .as("cut at %d", cut).containsExactly(new Decoded(2, payload));
        }
    }

    @Test
    void payloadOfExactlyTheLimitIsAccepted() {
        byte[] payload = Wire.filled(100, 1);

        assertThat(decode(100, Wire.frame(0, payload), wholeStream(104))).containsExactly(new Decoded(0, payload));
    }

    @Test
    void tooLargeFrameFailsAsSoonAsItsHeaderArrivesThenEverythingIsDiscarded() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(1024, alloc);
        ByteBuf before = copy(alloc, Wire.frame(0, new byte[] {CommandCode.COM_PING}));
        ByteBuf header = copy(alloc, Wire.bytes().u24(2000).u8(1).array());
        ByteBuf after = copy(alloc, Wire.frame(0, new byte[] {CommandCode.COM_PING}));

        channel.writeInbound(before);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(PacketTooLargeException.class, ex -> {
                    assertThat(ex.length()).isEqualTo(2000);
                    assertThat(ex.limit()).isEqualTo(1024);
                    assertThat(ex.getMessage()).isEqualTo("packet length: 2000 (expected: <= 1024)");
                });
        channel.writeInbound(after);

        List<Decoded> decoded = drain(channel);
        assertThat(decoded).as("only the packet before the oversized one")
                .containsExactly(new Decoded(0, new byte[] {CommandCode.COM_PING}));
        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
        assertThat(before.refCnt()).isZero();
        assertThat(header.refCnt()).isZero();
        assertThat(after.refCnt()).isZero();
    }

    @Test
    void tooLargeJoinedPacketReleasesTheFramesReceivedSoFar() {
        int limit = 20 * 1024 * 1024;
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(limit, alloc);
        ByteBuf firstFrame = copy(alloc, Wire.frame(0, Wire.filled(FULL, 1)));
        ByteBuf secondHeader = copy(alloc, Wire.bytes().u24(FULL).u8(1).array());

        channel.writeInbound(firstFrame);
        assertThat(channel.<Packet>readInbound()).isNull();
        assertThatThrownBy(() -> channel.writeInbound(secondHeader))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(PacketTooLargeException.class);

        assertThat(channel.finish()).isFalse();
        assertThat(firstFrame.refCnt()).as("the pending first frame is released").isZero();
        assertThat(secondHeader.refCnt()).isZero();
        alloc.assertAllReleased();
    }

    @Test
    void tooLargeJoinedPacketReportsItsTotalLength() {
        int limit = 20 * 1024 * 1024;
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(limit, alloc);
        channel.writeInbound(copy(alloc, Wire.frame(0, Wire.filled(FULL, 1))));
        ByteBuf secondHeader = copy(alloc, Wire.bytes().u24(FULL).u8(1).array());

        Throwable thrown = catchThrowable(() -> channel.writeInbound(secondHeader));
        channel.finish();
        alloc.assertAllReleased();

        assertThat(thrown).cause().isInstanceOfSatisfying(PacketTooLargeException.class, ex -> {
            assertThat(ex.limit()).isEqualTo(limit);
            assertThat(ex.length()).as("both frames count toward the packet").isEqualTo(2L * FULL);
        });
    }

    @Test
    void partialFrameAtCloseIsReleased() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(MAX, alloc);
        ByteBuf partial = copy(alloc, Wire.bytes().u24(50).u8(0).raw("only a few bytes").array());

        channel.writeInbound(partial);

        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
        assertThat(partial.refCnt()).isZero();
    }

    @Test
    void pendingContinuationAtCloseIsReleased() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(MAX, alloc);
        ByteBuf fullFrame = copy(alloc, Wire.frame(0, Wire.filled(FULL, 1)));

        channel.writeInbound(fullFrame);

        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
        assertThat(fullFrame.refCnt()).isZero();
    }

    /** Feeds {@code stream} cut into {@code chunks}, checks finish() and that every buffer was released. */
    static List<Decoded> decode(int maxPacketSize, byte[] stream, int[] chunks) {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel channel = channel(maxPacketSize, alloc);
        List<ByteBuf> inputs = new ArrayList<>();
        List<Decoded> result = new ArrayList<>();
        int offset = 0;
        for (int size : chunks) {
            ByteBuf chunk = copy(alloc, stream, offset, size);
            inputs.add(chunk);
            offset += size;
            channel.writeInbound(chunk);
            result.addAll(drain(channel));
        }
        assertThat(offset).isEqualTo(stream.length);
        assertThat(channel.finish()).as("nothing left after finish").isFalse();
        assertThat(inputs).allSatisfy(each -> assertThat(each.refCnt()).isZero());
        alloc.assertAllReleased();
        return result;
    }

    static List<Decoded> drain(EmbeddedChannel channel) {
        List<Decoded> result = new ArrayList<>();
        for (Packet packet = channel.readInbound(); packet != null; packet = channel.readInbound()) {
            result.add(new Decoded(packet.sequenceId(), ByteBufUtil.getBytes(packet.payload())));
            ReferenceCountUtil.release(packet);
        }
        return result;
    }

    static int[] wholeStream(int length) {
        return new int[] {length};
    }

    static int[] randomChunks(int length, int min, int max, long seed) {
        Random random = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size = Math.min(left, min + random.nextInt(max - min + 1));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    static EmbeddedChannel channel(int maxPacketSize, TrackingAllocator alloc) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new PacketDecoder(maxPacketSize));
        return channel;
    }

    static ByteBuf copy(TrackingAllocator alloc, byte[] bytes) {
        return copy(alloc, bytes, 0, bytes.length);
    }

    static ByteBuf copy(TrackingAllocator alloc, byte[] bytes, int offset, int length) {
        return alloc.buffer(length).writeBytes(bytes, offset, length);
    }
}
