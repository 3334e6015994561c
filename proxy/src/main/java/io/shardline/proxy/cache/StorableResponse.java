package io.shardline.proxy.cache;

/**
 * Whether the bytes a client was sent for a read may be served again: one complete result set, with the sequence
 * ids a replay will need, ending without warnings (SHOW WARNINGS after a hit could not show them), without more
 * results to follow (a CALL), outside a transaction and without session state changes. Reads packet headers and
 * the terminating packet only.
 */
public final class StorableResponse {
    private static final int IN_TRANS = 0x0001;
    private static final int MORE_RESULTS_EXISTS = 0x0008;
    private static final int CURSOR_EXISTS = 0x0040;
    private static final int SESSION_STATE_CHANGED = 0x4000;

    private StorableResponse() {}

    /** Null when storable, else the reason it is not (a metric label). */
    public static String problem(byte[] bytes, int firstSequence, boolean deprecateEof) {
        int position = 0;
        int sequence = firstSequence;
        int lastStart = -1;
        int lastLength = 0;
        int packets = 0;
        while (position < bytes.length) {
            if (position + 4 > bytes.length) {
                return "incomplete";
            }
            int length = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8
                    | (bytes[position + 2] & 0xff) << 16;
            if (length == 0xffffff) {
                return "too_large";
            }
            if ((bytes[position + 3] & 0xff) != sequence || position + 4 + length > bytes.length) {
                return "incomplete";
            }
            if (packets == 0 && (length == 0 || isEnd(bytes[position + 4]))) {
                return "not_a_result";
            }
            lastStart = position + 4;
            lastLength = length;
            position += 4 + length;
            sequence = (sequence + 1) & 0xff;
            packets++;
        }
        if (packets < 3 || lastLength == 0 || (bytes[lastStart] & 0xff) != 0xfe) {
            return "incomplete";
        }
        return terminator(bytes, lastStart, lastLength, deprecateEof);
    }

    private static boolean isEnd(byte first) {
        int value = first & 0xff;
        return value == 0x00 || value == 0xff || value == 0xfb;
    }

    private static String terminator(byte[] bytes, int start, int length, boolean deprecateEof) {
        int status;
        int warnings;
        if (!deprecateEof) {
            if (length != 5) {
                return "incomplete";
            }
            warnings = u16(bytes, start + 1);
            status = u16(bytes, start + 3);
        } else {
            if (length < 7) {
                return "incomplete";
            }
            int at = start + 1;
            at = skipLengthEncoded(bytes, at);
            at = skipLengthEncoded(bytes, at);
            if (at + 4 > start + length) {
                return "incomplete";
            }
            status = u16(bytes, at);
            warnings = u16(bytes, at + 2);
        }
        if (warnings != 0) {
            return "warnings";
        }
        if ((status & (IN_TRANS | MORE_RESULTS_EXISTS | CURSOR_EXISTS | SESSION_STATE_CHANGED)) != 0) {
            return "state";
        }
        return null;
    }

    private static int skipLengthEncoded(byte[] bytes, int at) {
        int first = bytes[at] & 0xff;
        return at + switch (first) {
            case 0xfc -> 3;
            case 0xfd -> 4;
            case 0xfe -> 9;
            default -> 1;
        };
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }
}
