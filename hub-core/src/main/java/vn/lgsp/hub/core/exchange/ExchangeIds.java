package vn.lgsp.hub.core.exchange;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates exchange ids as RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits, so ids sort by
 * creation time. Ids from one JVM are strictly increasing (a 12-bit counter fills the {@code rand_a} field
 * within the same millisecond and borrows the next millisecond when it overflows).
 */
public final class ExchangeIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private ExchangeIds() {
    }

    /** A new time-ordered id. */
    public static UUID next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A new id as text. */
    public static String nextString() {
        return next().toString();
    }
}
