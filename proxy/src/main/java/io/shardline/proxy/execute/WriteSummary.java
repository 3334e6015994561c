package io.shardline.proxy.execute;

import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.session.Session;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OKs of one statement's shards added up into the OK one server would have sent: affected rows and warnings
 * summed, the first last-insert-id, and the counts in the info text ({@code Rows matched: 3  Changed: 3
 * Warnings: 0}, {@code Records: 4  Duplicates: 0  Warnings: 0}) summed when every shard wrote the same kind of
 * text.
 */
final class WriteSummary {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private long affectedRows;
    private long lastInsertId;
    private int warnings;
    private String info;
    private boolean infoDiffers;
    private int count;

    /** How many OKs were added. */
    int count() {
        return count;
    }

    void add(OkPacket ok) {
        count++;
        affectedRows += ok.affectedRows();
        warnings = Math.min(0xffff, warnings + ok.warnings());
        if (lastInsertId == 0) {
            lastInsertId = ok.lastInsertId();
        }
        String text = new String(ok.info(), StandardCharsets.UTF_8);
        if (info == null) {
            info = text;
        } else if (!infoDiffers) {
            String summed = addNumbers(info, text);
            infoDiffers = summed == null;
            info = summed == null ? "" : summed;
        }
    }

    /** The numbers of two texts of the same words added position by position; null when the words differ. */
    static String addNumbers(String left, String right) {
        if (!NUMBER.matcher(left).replaceAll("#").equals(NUMBER.matcher(right).replaceAll("#"))) {
            return null;
        }
        Matcher leftNumbers = NUMBER.matcher(left);
        Matcher rightNumbers = NUMBER.matcher(right);
        StringBuilder result = new StringBuilder();
        int copied = 0;
        while (leftNumbers.find() && rightNumbers.find()) {
            result.append(left, copied, leftNumbers.start());
            result.append(new java.math.BigInteger(leftNumbers.group()).add(new java.math.BigInteger(
                    rightNumbers.group())));
            copied = leftNumbers.end();
        }
        return result.append(left.substring(copied)).toString();
    }

    /** The combined OK, with the session's status as it stands after the last shard. */
    OkPacket ok(Session session) {
        byte[] text = info == null ? new byte[0] : info.getBytes(StandardCharsets.UTF_8);
        int status = session.status() & ~ServerStatus.STATEMENT_ONLY;
        return new OkPacket(OkPacket.HEADER, affectedRows, lastInsertId, status, warnings, text, new byte[0]);
    }
}
