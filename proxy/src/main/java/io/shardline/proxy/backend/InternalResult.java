package io.shardline.proxy.backend;

import io.shardline.proxy.protocol.OkPacket;
import java.util.List;

/**
 * The outcome of a command the proxy ran for itself.
 *
 * @param ok the last OK packet, or null when the response ended with a result set
 * @param rows text rows of the last result set, NULL values as null
 * @param other the raw text of a response that is neither OK nor ERR (COM_STATISTICS)
 * @param prepared the prepare-OK of a COM_STMT_PREPARE, else null
 */
public record InternalResult(OkPacket ok, List<List<String>> rows, String other, Prepared prepared) {
    /** The answer to a COM_STMT_PREPARE: the server's statement id and its counts. */
    public record Prepared(long statementId, int parameterCount, int columnCount) {
    }
}
