package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns one COM_STMT_EXECUTE of a statement on sharded tables into the statement's text with its parameters
 * written as SQL literals, as client-side prepared statements do, so the sharding planner can route it by their
 * values and the shards run it as text. Numbers are written plainly, strings quoted (with backslashes doubled
 * unless NO_BACKSLASH_ESCAPES), temporal values in MySQL's literal form, bytes that are not UTF-8 as hex.
 */
public final class ParameterBinder {
    private static final int BITMAP_OFFSET = 10;
    private static final int UNSIGNED = 0x80;

    private ParameterBinder() {}

    /**
     * @param payload the COM_STMT_EXECUTE payload (command byte first); not released
     * @param sql the statement text as prepared (UTF-8)
     * @throws MalformedPacketException when the packet does not hold what its header says
     */
    public static String bind(ByteBuf payload, ClientStatement statement, String sql, LexerOptions options) {
        return substitute(sql, literals(payload, statement, options), options);
    }

    /**
     * Each parameter of the execution as the SQL literal {@link #bind} writes for it, in order (consumes the
     * statement's long data).
     *
     * @param payload the COM_STMT_EXECUTE payload (command byte first); not released
     * @throws MalformedPacketException when the packet does not hold what its header says
     */
    public static List<String> literals(ByteBuf payload, ClientStatement statement, LexerOptions options) {
        boolean backslashEscapes = !options.noBackslashEscapes();
        int count = statement.parameterCount();
        List<String> literals = new ArrayList<>(count);
        if (count > 0) {
            ByteBuf in = payload.duplicate();
            in.readerIndex(payload.readerIndex() + BITMAP_OFFSET);
            byte[] nulls = new byte[(count + 7) / 8];
            WireFormat.requireReadable(in, nulls.length + 1, "COM_STMT_EXECUTE parameters");
            in.readBytes(nulls);
            byte[] types;
            if (in.readByte() == 1) {
                types = new byte[2 * count];
                WireFormat.requireReadable(in, types.length, "parameter types");
                in.readBytes(types);
            } else {
                types = statement.parameterTypes();
                if (types == null) {
                    throw new MalformedPacketException("COM_STMT_EXECUTE without parameter types for a statement"
                            + " never executed before");
                }
            }
            for (int i = 0; i < count; i++) {
                if ((nulls[i / 8] & (1 << (i % 8))) != 0) {
                    literals.add("NULL");
                } else if (statement.longData().containsKey(i)) {
                    literals.add(bytes(ByteBufUtil.getBytes(statement.longData().get(i)), types[2 * i] & 0xff,
                            backslashEscapes));
                } else {
                    literals.add(value(in, types[2 * i] & 0xff, (types[2 * i + 1] & UNSIGNED) != 0,
                            backslashEscapes));
                }
            }
            statement.clearLongData();
        }
        return literals;
    }

    private static String value(ByteBuf in, int type, boolean unsigned, boolean backslashEscapes) {
        switch (type) {
            case 0x01:
                return unsigned ? String.valueOf(in.readUnsignedByte()) : String.valueOf(in.readByte());
            case 0x02:
            case 0x0d:
                return unsigned ? String.valueOf(in.readUnsignedShortLE()) : String.valueOf(in.readShortLE());
            case 0x03:
            case 0x09:
                return unsigned ? String.valueOf(in.readUnsignedIntLE()) : String.valueOf(in.readIntLE());
            case 0x08: {
                long value = in.readLongLE();
                return unsigned && value < 0 ? new BigInteger(Long.toUnsignedString(value)).toString()
                        : String.valueOf(value);
            }
            case 0x04:
                return floatText(in.readFloatLE());
            case 0x05:
                return floatText(in.readDoubleLE());
            case 0x0a:
            case 0x0c:
            case 0x07:
                return "'" + dateTime(in) + "'";
            case 0x0b:
                return "'" + time(in) + "'";
            case 0x06:
                return "NULL";
            default:
                return bytes(WireFormat.readLenencBytes(in), type, backslashEscapes);
        }
    }

    private static String floatText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new MalformedPacketException("a parameter is " + value + ", which SQL cannot hold");
        }
        return Double.toString(value).replace("E", "e");
    }

    private static String dateTime(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return "0000-00-00 00:00:00";
        }
        int year = in.readUnsignedShortLE();
        int month = in.readUnsignedByte();
        int day = in.readUnsignedByte();
        String result = String.format("%04d-%02d-%02d", year, month, day);
        if (length >= 7) {
            result += String.format(" %02d:%02d:%02d", in.readUnsignedByte(), in.readUnsignedByte(),
                    in.readUnsignedByte());
        }
        if (length >= 11) {
            result += String.format(".%06d", in.readUnsignedIntLE());
        }
        return result;
    }

    private static String time(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return "00:00:00";
        }
        boolean negative = in.readByte() == 1;
        long days = in.readUnsignedIntLE();
        int hours = in.readUnsignedByte();
        int minutes = in.readUnsignedByte();
        int seconds = in.readUnsignedByte();
        String result = String.format("%s%02d:%02d:%02d", negative ? "-" : "", days * 24 + hours, minutes, seconds);
        if (length >= 12) {
            result += String.format(".%06d", in.readUnsignedIntLE());
        }
        return result;
    }

    /** Text types quoted when they are UTF-8; DECIMAL plain; anything else (and binary strings) as hex. */
    private static String bytes(byte[] value, int type, boolean backslashEscapes) {
        if (type == 0x00 || type == 0xf6) {
            String text = new String(value, StandardCharsets.US_ASCII);
            if (text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return text;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            return quoted(text, backslashEscapes);
        } catch (CharacterCodingException notText) {
            return value.length == 0 ? "''" : "X'" + HexFormat.of().formatHex(value) + "'";
        }
    }

    static String quoted(String text, boolean backslashEscapes) {
        StringBuilder result = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                result.append("''");
            } else if (c == '\\' && backslashEscapes) {
                result.append("\\\\");
            } else if (c == 0 && backslashEscapes) {
                result.append("\\0");
            } else {
                result.append(c);
            }
        }
        return result.append('\'').toString();
    }

    /** The text with each {@code ?} placeholder (not one inside a string or comment) replaced in order. */
    public static String substitute(String sql, List<String> literals, LexerOptions options) {
        Tokens tokens = SqlLexer.tokenize(sql, options);
        StringBuilder result = new StringBuilder(sql.length() + 16 * literals.size());
        int copied = 0;
        int next = 0;
        for (int i = 0; i < tokens.size() && next < literals.size(); i++) {
            if (tokens.type(i) == TokenType.PLACEHOLDER) {
                result.append(sql, copied, tokens.start(i)).append(literals.get(next++));
                copied = tokens.end(i);
            }
        }
        return result.append(sql.substring(copied)).toString();
    }
}
