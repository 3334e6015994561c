package io.shardline.proxy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardline.proxy.backend.PacketKind;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.backend.ResponseTracker;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the relay spends per packet besides I/O: following a result set's grammar (ResponseTracker, for every
 * packet) and decoding the terminating OK (for session tracking). The response is a sysbench point select:
 * column count, one column definition, one row, OK terminator (DEPRECATE_EOF).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RelayPathBenchmark {
    private final ResponseTracker tracker = new ResponseTracker();
    private ByteBuf response;
    private int[] offsets;
    private int okOffset;
    private int okLength;

    @Setup
    public void buildResponse() {
        ByteBuf out = Unpooled.directBuffer();
        offsets = new int[4];
        offsets[0] = frame(out, buf -> buf.writeByte(1));
        offsets[1] = frame(out, buf -> {
            for (String each : new String[] {"def", "sbtest", "sbtest1", "sbtest1", "c", "c"}) {
                WireFormat.writeLenencString(buf, each, StandardCharsets.UTF_8);
            }
            buf.writeByte(0x0c).writeShortLE(45).writeIntLE(480).writeByte(0xfe).writeShortLE(0).writeByte(0)
                    .writeShortLE(0);
        });
        offsets[2] = frame(out, buf -> WireFormat.writeLenencString(buf, "x".repeat(119), StandardCharsets.UTF_8));
        offsets[3] = frame(out, buf -> buf.writeByte(0xfe).writeByte(0).writeByte(0).writeShortLE(2).writeShortLE(0));
        okOffset = offsets[3] + Packets.HEADER_SIZE;
        okLength = out.writerIndex() - okOffset;
        response = out;
    }

    private static int frame(ByteBuf out, java.util.function.Consumer<ByteBuf> body) {
        int start = out.writerIndex();
        out.writeMediumLE(0).writeByte(1);
        body.accept(out);
        out.setMediumLE(start, out.writerIndex() - start - Packets.HEADER_SIZE);
        return start;
    }

    @Benchmark
    public boolean trackPointSelectResponse() {
        tracker.begin(ResponseKind.BINARY_RESULT, true);
        PacketKind last = null;
        for (int each : offsets) {
            last = tracker.accept(response, each + Packets.HEADER_SIZE, Packets.payloadLength(response, each));
        }
        return last == PacketKind.TERMINATOR_OK && tracker.isDone();
    }

    @Benchmark
    public OkPacket decodeTerminatorOk() {
        return OkPacket.decode(response.slice(okOffset, okLength),
                Capabilities.PROTOCOL_41 | Capabilities.SESSION_TRACK);
    }
}
