package io.shardline.proxy.protocol.command;

/**
 * One client command. The frontend handles them in one exhaustive {@code switch}. Commands that the proxy
 * forwards byte for byte implement {@link ForwardedCommand} and own their payload.
 */
public sealed interface ClientCommand
        permits ComQuit, ComInitDb, ComQuery, ComFieldList, ComStatistics, ComPing, ComProcessKill, ComChangeUser,
                ComStmtPrepare, ComStmtExecute, ComStmtBulkExecute, ComStmtSendLongData, ComStmtClose, ComStmtReset, ComStmtFetch,
                ComSetOption, ComResetConnection, ComUnsupported {
}
