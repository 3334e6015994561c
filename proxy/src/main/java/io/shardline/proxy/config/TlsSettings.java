package io.shardline.proxy.config;

import java.nio.file.Path;

/**
 * TLS toward clients.
 *
 * @param mode DISABLED, SELF_SIGNED (a certificate generated at start) or FILES (certificate and key from PEM files)
 * @param required refuse clients that do not switch to TLS
 */
public record TlsSettings(Mode mode, Path certificate, Path privateKey, boolean required) {
    public enum Mode { DISABLED, SELF_SIGNED, FILES }

    public boolean enabled() {
        return mode != Mode.DISABLED;
    }
}
