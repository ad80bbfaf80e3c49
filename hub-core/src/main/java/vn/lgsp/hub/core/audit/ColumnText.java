package vn.lgsp.hub.core.audit;

/**
 * Text fitted to an audit column for {@link JdbcAuditStore}: NUL replaced (PostgreSQL refuses it in text), cut to
 * the column's length on a character boundary.
 */
final class ColumnText {

    private ColumnText() {
    }

    /** {@code value} with NUL replaced by U+FFFD, cut to at most {@code maxChars} (see {@link #truncate}). */
    static String fit(String value, int maxChars) {
        return value == null ? null : truncate(value.replace('\u0000', '\uFFFD'), maxChars);
    }

    /**
     * At most {@code maxChars} UTF-16 units of {@code value} (so also at most that many code points), cut
     * before a code point, never inside a surrogate pair nor between a letter and its combining marks.
     */
    static String truncate(String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        int cut = maxChars;
        if (cut > 0 && Character.isLowSurrogate(value.charAt(cut))
                && Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        // value.charAt(cut) starts the first dropped code point; if it is a combining mark, drop its base too.
        while (cut > 0 && isCombiningMark(value.codePointAt(cut))) {
            cut = value.offsetByCodePoints(cut, -1);
        }
        return value.substring(0, cut);
    }

    private static boolean isCombiningMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
