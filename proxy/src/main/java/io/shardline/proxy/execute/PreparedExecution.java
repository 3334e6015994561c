package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendStatements;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.proxy.session.Session;
import java.util.Arrays;
import java.util.Map;

/**
 * Readies a backend connection for one execution of a client's prepared statement: prepares the text there if
 * that connection has not (each connection has its own statement ids), sends the long data the client sent
 * meanwhile, and rewrites the execute packet: the connection's statement id in place of the client's, and the
 * parameter types when the client omitted them (it sends them once; another connection has not seen them).
 *
 * <p>COM_STMT_EXECUTE: 0x17, id (4), flags (1), iterations (4), then with parameters: NULL bitmap, "types bound"
 * (1), types (2 per parameter) when bound, values. COM_STMT_FETCH and MariaDB's bulk execute only need the id.
 */
public final class PreparedExecution implements BeforeSend {
    private static final int ID_OFFSET = 1;
    private static final int BITMAP_OFFSET = 10;

    private final Session session;
    private final ClientStatement statement;
    /** The text prepared on the backend: the client's, or a shard's version of it with its actual tables. */
    private final byte[] sql;

    public PreparedExecution(Session session, ClientStatement statement) {
        this(session, statement, statement.sql());
    }

    /**
     * An execution of {@code statement} as {@code sql} on the backend: the same text with other table names (a
     * shard's actual tables), so the same parameters in the same order.
     */
    public PreparedExecution(Session session, ClientStatement statement, byte[] sql) {
        this.session = session;
        this.statement = statement;
        this.sql = sql;
    }

    @Override
    public Future<ByteBuf> apply(BackendConnection connection, ByteBuf payload) {
        Promise<ByteBuf> result = connection.channel().eventLoop().newPromise();
        String key = StatementKey.of(session, sql);
        BackendStatements.Entry entry = connection.statements().get(key);
        if (entry != null) {
            result.setSuccess(readied(connection, entry, payload));
            return result;
        }
        connection.prepare(sql).addListener(done -> {
            if (!done.isSuccess()) {
                payload.release();
                result.setFailure(done.cause());
                return;
            }
            InternalResult.Prepared prepared = ((InternalResult) done.getNow()).prepared();
            long evicted = connection.statements().put(key, prepared.statementId(), prepared.parameterCount());
            if (evicted >= 0) {
                connection.sendNoReply(connection.channel().alloc().buffer(5)
                        .writeByte(CommandCode.COM_STMT_CLOSE).writeIntLE((int) evicted));
            }
            result.setSuccess(readied(connection, connection.statements().get(key), payload));
        });
        return result;
    }

    private ByteBuf readied(BackendConnection connection, BackendStatements.Entry entry, ByteBuf payload) {
        int command = payload.getUnsignedByte(payload.readerIndex());
        sendLongData(connection, entry);
        payload.setIntLE(payload.readerIndex() + ID_OFFSET, (int) entry.id());
        if (command != CommandCode.COM_STMT_EXECUTE || entry.parameterCount() == 0) {
            return payload;
        }
        return withTypes(connection, entry, payload);
    }

    private void sendLongData(BackendConnection connection, BackendStatements.Entry entry) {
        if (!statement.hasLongData()) {
            return;
        }
        for (Map.Entry<Integer, CompositeByteBuf> each : statement.longData().entrySet()) {
            ByteBuf header = connection.channel().alloc().buffer(7).writeByte(CommandCode.COM_STMT_SEND_LONG_DATA)
                    .writeIntLE((int) entry.id()).writeShortLE(each.getKey());
            connection.sendNoReply(connection.channel().alloc().compositeBuffer(2)
                    .addComponents(true, header, each.getValue().retainedDuplicate()));
        }
        statement.clearLongData();
    }

    /**
     * Notes which types this connection's statement has been given, or adds the statement's remembered ones (see
     * ClientStatement.learnTypes) when the client omitted them and this connection has not seen them.
     */
    private ByteBuf withTypes(BackendConnection connection, BackendStatements.Entry entry, ByteBuf payload) {
        int count = entry.parameterCount();
        int boundAt = payload.readerIndex() + BITMAP_OFFSET + (count + 7) / 8;
        if (boundAt + 1 > payload.writerIndex()) {
            return payload;
        }
        if (payload.getByte(boundAt) == 1) {
            byte[] types = new byte[2 * count];
            payload.getBytes(boundAt + 1, types);
            entry.boundTypes(types);
            return payload;
        }
        byte[] types = statement.parameterTypes();
        if (types == null || Arrays.equals(types, entry.boundTypes())) {
            return payload;
        }
        entry.boundTypes(types);
        ByteBuf result = connection.channel().alloc().buffer(payload.readableBytes() + types.length);
        result.writeBytes(payload, payload.readerIndex(), boundAt - payload.readerIndex());
        result.writeByte(1).writeBytes(types);
        result.writeBytes(payload, boundAt + 1, payload.writerIndex() - boundAt - 1);
        payload.release();
        return result;
    }
}
