package vn.lgsp.hub.core.catalog;

import java.util.regex.Pattern;

/**
 * Agency codes in the QCVN 102:2016 form {@code A.B.C.D} (level 1 on the right, e.g. {@code 000.00.31.H99}),
 * plus the national platform's code {@code NDXP}.
 */
public final class AgencyCode {

    /** The national data exchange platform (NDXP, formerly NGSP). */
    public static final String NDXP = "NDXP";

    private static final Pattern QCVN_102 = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");

    private AgencyCode() {
    }

    /** True when the text is a well-formed agency code. */
    public static boolean isValid(String code) {
        return code != null && (NDXP.equals(code) || QCVN_102.matcher(code).matches());
    }
}
