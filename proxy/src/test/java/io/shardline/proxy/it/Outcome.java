package io.shardline.proxy.it;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything a client can observe about one statement, as text: each result set's column metadata and rows,
 * update counts, warnings, or the error (code, SQLSTATE, message). Two outcomes are equal when a client could
 * not tell the two servers apart.
 */
final class Outcome {
    private Outcome() {}

    static String of(Statement statement, String sql) {
        StringBuilder result = new StringBuilder();
        try {
            boolean isResultSet = statement.execute(sql);
            describeResults(statement, isResultSet, result);
            describeWarnings(statement.getWarnings(), result);
        } catch (SQLException ex) {
            result.append(error(ex));
        }
        return result.toString();
    }

    /** MariaDB Connector/J puts the connection id in messages; ids differ between any two connections. */
    /** The same, through a prepared statement (server-side in the drivers' server-prepare modes). */
    static String ofPrepared(java.sql.Connection connection, String sql) {
        StringBuilder result = new StringBuilder();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            boolean isResultSet = statement.execute();
            describeResults(statement, isResultSet, result);
            describeWarnings(statement.getWarnings(), result);
        } catch (SQLException ex) {
            result.append(error(ex));
        }
        return result.toString();
    }

    static String error(SQLException ex) {
        String message = ex.getMessage() == null ? "" : ex.getMessage().replaceAll("\\(conn=\\d+\\) ", "");
        return "ERROR " + ex.getErrorCode() + " (" + ex.getSQLState() + "): " + message + "\n";
    }

    static void describeResults(Statement statement, boolean isResultSet, StringBuilder out) throws SQLException {
        boolean more = isResultSet;
        while (true) {
            if (more) {
                try (ResultSet rs = statement.getResultSet()) {
                    describe(rs, out);
                }
            } else {
                long count = statement.getLargeUpdateCount();
                if (count == -1) {
                    return;
                }
                out.append("update count ").append(count).append('\n');
            }
            more = statement.getMoreResults();
        }
    }

    /**
     * Column labels, types and scales, then every row in the order it came (values joined by '|'): for comparing
     * two answers where the finer metadata of {@link #describe} is not the point.
     */
    static java.util.List<String> labelledRows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        java.util.List<String> result = new java.util.ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.append(meta.getColumnLabel(i)).append(':').append(meta.getColumnTypeName(i)).append('(')
                    .append(meta.getScale(i)).append(") ");
        }
        result.add(header.toString().strip());
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            result.add(row.toString());
        }
        return result;
    }

    static void describe(ResultSet rs, StringBuilder out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        out.append("columns:");
        for (int i = 1; i <= columns; i++) {
            out.append(' ').append(meta.getColumnLabel(i)).append('/').append(meta.getColumnTypeName(i))
                    .append('/').append(meta.getColumnType(i)).append('/').append(meta.getPrecision(i))
                    .append('/').append(meta.getScale(i)).append('/').append(meta.isNullable(i))
                    .append(meta.isSigned(i) ? "/signed" : "/unsigned");
        }
        out.append('\n');
        while (rs.next()) {
            out.append("row:");
            for (int i = 1; i <= columns; i++) {
                out.append(" [").append(value(rs, meta, i)).append(']');
            }
            out.append('\n');
        }
    }

    private static String value(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
            byte[] bytes = rs.getBytes(column);
            if (bytes == null) {
                return "NULL";
            }
            return bytes.length > 64 ? bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes)
                    : "0x" + HexFormat.of().formatHex(bytes);
        }
        String text = rs.getString(column);
        if (text == null) {
            return "NULL";
        }
        return text.length() > 200 ? text.length() + " chars, hash " + text.hashCode() : text;
    }

    private static void describeWarnings(SQLWarning warning, StringBuilder out) {
        for (SQLWarning each = warning; each != null; each = each.getNextWarning()) {
            out.append("warning ").append(each.getErrorCode()).append(": ").append(each.getMessage()).append('\n');
        }
    }

    static List<String> lines(String outcome) {
        return new ArrayList<>(List.of(outcome.split("\n")));
    }
}
