package io.shardline.router.merge;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The order of a MySQL/MariaDB collation, close enough to sort and group as the server does for the families in
 * common use: {@code *_bin} by code point; {@code *_general_ci} (and the latin1 defaults) case- and
 * accent-insensitively, letter by letter; the UCA families ({@code *_unicode_ci}, {@code *_unicode_520_ci},
 * {@code *_0900_ai_ci}, {@code *_uca1400_ai_ci}) by the Unicode Collation Algorithm at the strength their suffix
 * names. PAD SPACE collations (all but the 0900 and NOPAD ones) ignore trailing spaces, as the server does.
 */
final class StringCollation {
    private enum Family { CODE_POINT, GENERAL, UCA }

    private final Family family;
    private final boolean padSpace;
    private final Charset charset;
    private final Collator collator;

    private StringCollation(Family family, boolean padSpace, Charset charset, Collator collator) {
        this.family = family;
        this.padSpace = padSpace;
        this.charset = charset;
        this.collator = collator;
    }

    static StringCollation named(String collation) {
        String name = collation == null ? "" : collation.toLowerCase(Locale.ROOT);
        Charset charset = name.startsWith("latin1") ? Charset.forName("windows-1252")
                : name.startsWith("ascii") ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
        boolean padSpace = !name.contains("0900") && !name.contains("nopad");
        if (name.endsWith("_bin") || name.endsWith("_cs") && !name.contains("_as_cs") || name.isEmpty()) {
            return new StringCollation(Family.CODE_POINT, padSpace, charset, null);
        }
        if (name.contains("unicode") || name.contains("uca") || name.contains("0900")) {
            Collator collator = Collator.getInstance(Locale.ROOT);
            collator.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
            collator.setStrength(name.contains("_as_cs") ? Collator.TERTIARY : name.contains("_as_ci")
                    ? Collator.SECONDARY : Collator.PRIMARY);
            return new StringCollation(Family.UCA, padSpace, charset, collator);
        }
        return new StringCollation(Family.GENERAL, padSpace, charset, null);
    }

    int compare(byte[] left, byte[] right) {
        String a = text(left);
        String b = text(right);
        return switch (family) {
            case CODE_POINT -> compareCodePoints(a, b);
            case GENERAL -> compareCodePoints(folded(a), folded(b));
            case UCA -> collator.compare(a, b);
        };
    }

    /** A value equal for values this collation holds equal (for grouping and DISTINCT). */
    Object key(byte[] value) {
        String text = text(value);
        return switch (family) {
            case CODE_POINT -> text;
            case GENERAL -> folded(text);
            case UCA -> new java.math.BigInteger(1, collator.getCollationKey(text).toByteArray());
        };
    }

    private String text(byte[] value) {
        String result = new String(value, charset);
        if (!padSpace) {
            return result;
        }
        int end = result.length();
        while (end > 0 && result.charAt(end - 1) == ' ') {
            end--;
        }
        return result.substring(0, end);
    }

    /**
     * general_ci: accents dropped and letters upper-cased one by one (ß as S); characters beyond the BMP all
     * alike.
     */
    private static String folded(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder result = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                return;
            }
            // general_ci weighs sharp s as a single S
            result.appendCodePoint(cp > 0xffff ? 0xfffd : cp == 0xdf ? 'S' : Character.toUpperCase(cp));
        });
        return result.toString();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
