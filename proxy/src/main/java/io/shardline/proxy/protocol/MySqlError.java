package io.shardline.proxy.protocol;

/**
 * The MySQL error codes the proxy itself raises, each with its SQLSTATE. Messages are written at the raise site
 * and say what is wrong and what to do; the code and SQLSTATE are what drivers act on, so they are MySQL's own.
 */
public enum MySqlError {
    ER_CON_COUNT_ERROR(1040, "08004"),
    ER_OUT_OF_RESOURCES(1041, "HY000"),
    ER_HANDSHAKE_ERROR(1043, "08S01"),
    ER_DBACCESS_DENIED_ERROR(1044, "42000"),
    ER_ACCESS_DENIED_ERROR(1045, "28000"),
    ER_NO_DB_ERROR(1046, "3D000"),
    ER_UNKNOWN_COM_ERROR(1047, "08S01"),
    ER_BAD_DB_ERROR(1049, "42000"),
    ER_SERVER_SHUTDOWN(1053, "08S01"),
    ER_PARSE_ERROR(1064, "42000"),
    ER_NO_SUCH_THREAD(1094, "HY000"),
    ER_HOST_NOT_PRIVILEGED(1130, "HY000"),
    ER_NET_PACKET_TOO_LARGE(1153, "08S01"),
    ER_NET_READ_ERROR(1158, "08S01"),
    ER_LOCK_DEADLOCK(1213, "40001"),
    ER_USER_LIMIT_REACHED(1226, "42000"),
    ER_NOT_SUPPORTED_YET(1235, "42000"),
    ER_OUT_OF_SORTMEMORY(1038, "HY001"),
    ER_UNKNOWN_STMT_HANDLER(1243, "HY000"),
    ER_NOT_SUPPORTED_AUTH_MODE(1251, "08004"),
    ER_QUERY_INTERRUPTED(1317, "70100"),
    ER_STMT_HAS_NO_OPEN_CURSOR(1421, "HY000"),
    ER_CONNECT_TO_FOREIGN_DATA_SOURCE(1429, "HY000"),
    ER_MALFORMED_PACKET(1835, "HY000");

    private final int code;
    private final String sqlState;

    MySqlError(int code, String sqlState) {
        this.code = code;
        this.sqlState = sqlState;
    }

    public int code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }
}
