package io.shardline.proxy.protocol.auth;

import java.security.SecureRandom;

/** Fresh 20-byte scrambles, avoiding NUL and '$' as MySQL does (clients read the scramble NUL-terminated). */
public final class Scrambles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scrambles() {}

    public static byte[] next() {
        byte[] result = new byte[20];
        RANDOM.nextBytes(result);
        for (int i = 0; i < result.length; i++) {
            int value = result[i] & 0x7f;
            if (value == 0 || value == '$') {
                value = value + 1 + 36;
            }
            result[i] = (byte) value;
        }
        return result;
    }
}
