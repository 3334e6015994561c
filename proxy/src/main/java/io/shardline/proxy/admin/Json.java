package io.shardline.proxy.admin;

/**
 * The little JSON the management port writes, by hand: a dependency for a few flat objects would cost more than
 * this class. Only string quoting is subtle; it follows RFC 8259 (quote, backslash and control characters escaped;
 * everything else, non-ASCII included, written as is in UTF-8).
 */
final class Json {
    private Json() {}

    /** {@code text} as a JSON string literal, quotes included; null as {@code null}. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder result = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char each = text.charAt(i);
            switch (each) {
                case '"' -> result.append("\\\"");
                case '\\' -> result.append("\\\\");
                case '\n' -> result.append("\\n");
                case '\r' -> result.append("\\r");
                case '\t' -> result.append("\\t");
                default -> {
                    if (each < 0x20) {
                        result.append(String.format("\\u%04x", (int) each));
                    } else {
                        result.append(each);
                    }
                }
            }
        }
        return result.append('"').toString();
    }
}
