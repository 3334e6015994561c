package io.shardline.proxy.frontend.auth;

import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.ErrPacket;

/** What the server says next in a login exchange. */
public sealed interface AuthStep {
    /** Ask the client to answer again with another plugin and this scramble (AuthSwitchRequest). */
    record SwitchPlugin(String plugin, byte[] scramble) implements AuthStep {
    }

    /** Send plugin data (AuthMoreData): a status byte or the public key. */
    record MoreData(byte[] data) implements AuthStep {
    }

    /**
     * Logged in. {@code fastAuthByte}: caching_sha2_password's fast path announces success with AuthMoreData(3)
     * before the OK.
     */
    record Success(UserSpec user, boolean fastAuthByte) implements AuthStep {
    }

    record Failure(ErrPacket error) implements AuthStep {
    }
}
