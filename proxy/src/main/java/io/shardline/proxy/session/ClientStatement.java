package io.shardline.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.shardline.router.classify.Classification;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.Tokens;
import java.util.HashMap;
import java.util.Map;

/**
 * A statement a client prepared, as the proxy keeps it: the client knows it by the proxy's id; the proxy keeps
 * its text so it can prepare it on whichever backend connection runs an execution (each connection has its own
 * ids), the parameter types last sent (a client may send them only once, but a connection that has not seen
 * them needs them), and long data waiting for the next execution.
 */
public final class ClientStatement {
    private final int id;
    private final byte[] sql;
    private final Classification classification;
    private final int parameterCount;
    private byte[] parameterTypes;
    private final Map<Integer, CompositeByteBuf> longData = new HashMap<>();
    private final boolean sharded;
    private String latin1Text;
    private Planned planned;

    /**
     * A sharded statement's text as the planner reads it, kept between executions (only the parameters change):
     * its tokens and digest, with the lexer options (sql_mode) they were read under.
     */
    public record Planned(LexerOptions options, Tokens tokens, Digest digest) {}

    public ClientStatement(int id, byte[] sql, Classification classification, int parameterCount) {
        this(id, sql, classification, parameterCount, false);
    }

    /**
     * @param sharded the statement names a sharded table (or writes a broadcast one): each execution is planned by
     *     the sharding rules with its parameter values, rather than run on one backend's prepared statement
     */
    public ClientStatement(int id, byte[] sql, Classification classification, int parameterCount, boolean sharded) {
        this.id = id;
        this.sql = sql;
        this.classification = classification;
        this.parameterCount = parameterCount;
        this.sharded = sharded;
    }

    public boolean sharded() {
        return sharded;
    }

    /** What {@link #planned(Planned)} kept, or null. */
    public Planned planned() {
        return planned;
    }

    public void planned(Planned text) {
        planned = text;
    }

    public int id() {
        return id;
    }

    /** The text as one char per byte (how the proxy keys and tokenizes statements), made once. */
    public String latin1Text() {
        if (latin1Text == null) {
            latin1Text = new String(sql, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return latin1Text;
    }

    /** The statement text as the client sent it (without the command byte). */
    public byte[] sql() {
        return sql;
    }

    public Classification classification() {
        return classification;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Remembers the parameter types a COM_STMT_EXECUTE carries, if it carries them: after the command byte and
     * statement id come flags and iteration count, then for n > 0 parameters a null bitmap, the new-params-bound
     * flag and, when it is 1, 2n bytes of types. Called once per execution, before anything answers it (the
     * result cache, a shard, a server): a client sends the types once, and every later execution needs them.
     */
    public void learnTypes(io.netty.buffer.ByteBuf execute) {
        if (parameterCount == 0) {
            return;
        }
        int bound = execute.readerIndex() + 10 + (parameterCount + 7) / 8;
        if (bound < execute.writerIndex() && execute.getByte(bound) == 1
                && bound + 1 + 2 * parameterCount <= execute.writerIndex()) {
            byte[] types = new byte[2 * parameterCount];
            execute.getBytes(bound + 1, types);
            parameterTypes = types;
        }
    }

    /** The 2-bytes-per-parameter type block of the last execution that sent types, or null. */
    public byte[] parameterTypes() {
        return parameterTypes;
    }

    /** Appends a chunk of a parameter's long data (takes ownership of {@code chunk}). */
    public void appendLongData(ByteBufAllocator alloc, int parameter, ByteBuf chunk) {
        longData.computeIfAbsent(parameter, key -> alloc.compositeBuffer(Integer.MAX_VALUE)).addComponent(true, chunk);
    }

    public Map<Integer, CompositeByteBuf> longData() {
        return longData;
    }

    public boolean hasLongData() {
        return !longData.isEmpty();
    }

    /** Drops long data (after an execution used it, on COM_STMT_RESET, on close). */
    public void clearLongData() {
        for (CompositeByteBuf each : longData.values()) {
            each.release();
        }
        longData.clear();
    }
}
