package io.shardline.proxy.backend;

/** The response grammar a command expects, chosen when the command is sent. */
public enum ResponseKind {
    /** COM_QUERY, COM_STMT_EXECUTE: result sets, OKs, ERR, LOCAL INFILE requests, chained by MORE_RESULTS. */
    RESULT,
    /** COM_STMT_EXECUTE in the binary protocol: like RESULT but rows start with 0x00. */
    BINARY_RESULT,
    /** COM_STMT_FETCH: binary rows then a terminator. */
    FETCH,
    /** COM_STMT_PREPARE: prepare-OK, parameter and column definitions. */
    PREPARE,
    /** COM_FIELD_LIST: column definitions until EOF. */
    FIELD_LIST,
    /** Exactly one packet: COM_PING, COM_INIT_DB, COM_RESET_CONNECTION, COM_SET_OPTION, COM_STMT_RESET,
     *  COM_STATISTICS (a bare string). */
    SINGLE,
    /** No response at all: COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA, COM_QUIT. */
    NONE
}
