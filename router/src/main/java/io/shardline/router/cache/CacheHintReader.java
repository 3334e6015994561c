package io.shardline.router.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code shardline:cache[(ttl=...)]} and {@code shardline:no_cache} in comment bodies. Other
 * {@code shardline:} words (routing hints) are left alone. The first well-formed cache hint gives the TTL.
 */
final class CacheHintReader {
    private static final String PREFIX = "shardline:";
    private static final Pattern TTL = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    private boolean cache;
    private boolean noCache;
    private Duration ttl;
    private String problem;

    /** Reads one comment body (an optimizer-hint comment's without its leading {@code +}). */
    void read(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(PREFIX);
        while (at >= 0) {
            int end = at + PREFIX.length();
            if (at == 0 || Character.isWhitespace(lower.charAt(at - 1))) {
                int nameEnd = end;
                while (nameEnd < lower.length() && isNameChar(lower.charAt(nameEnd))) {
                    nameEnd++;
                }
                String name = wordEnds(lower, nameEnd) ? lower.substring(end, nameEnd) : "";
                if (name.equals("no_cache") || name.equals("nocache")) {
                    noCache = true;
                } else if (name.equals("cache")) {
                    nameEnd = cacheHint(body, nameEnd);
                }
                end = nameEnd;
            }
            at = lower.indexOf(PREFIX, end);
        }
    }

    /** {@code shardline:cache} with optional arguments in parentheses; returns where the hint ends. */
    private int cacheHint(String body, int afterName) {
        int open = afterName;
        while (open < body.length() && Character.isWhitespace(body.charAt(open))) {
            open++;
        }
        if (open == body.length() || body.charAt(open) != '(') {
            accept(null);
            return afterName;
        }
        int close = body.indexOf(')', open);
        if (close < 0) {
            reject(body.substring(open + 1), "no closing parenthesis");
            return body.length();
        }
        String arguments = body.substring(open + 1, close).strip();
        if (arguments.isEmpty()) {
            accept(null);
            return close + 1;
        }
        int equals = arguments.indexOf('=');
        if (equals < 0 || !arguments.substring(0, equals).strip().equalsIgnoreCase("ttl")) {
            reject(arguments, "the only option is ttl=<time>");
            return close + 1;
        }
        Matcher matcher = TTL.matcher(arguments.substring(equals + 1).strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            reject(arguments, "ttl must be a positive whole number, optionally followed by ms, s, m or h");
            return close + 1;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        accept(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        });
        return close + 1;
    }

    private void accept(Duration hinted) {
        if (!cache) {
            cache = true;
            ttl = hinted;
        }
    }

    private void reject(String arguments, String reason) {
        if (problem == null) {
            problem = "ignored cache hint shardline:cache(" + arguments + "): " + reason;
        }
    }

    /** A hint's name ends the word, or its arguments follow: {@code shardline:cache-x} is some other word. */
    private static boolean wordEnds(String body, int at) {
        return at == body.length() || Character.isWhitespace(body.charAt(at)) || body.charAt(at) == '(';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    boolean cache() {
        return cache;
    }

    boolean noCache() {
        return noCache;
    }

    Duration ttl() {
        return ttl;
    }

    String problem() {
        return problem;
    }
}
