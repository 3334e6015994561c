package io.shardline.proxy.rules;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.RulesText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes applied rules back into the proxy's configuration file, so that a restart keeps them: the file's
 * {@code sharding:} section is replaced by the applied one, every other line stays as it was. The new file is
 * written beside the old one and moved over it in one step, so a crash leaves either the old file or the new one,
 * never half of each.
 */
public final class RulesWriteBack {
    private final Path file;

    /** @param file the configuration file the proxy started from; null when it has none (tests) */
    public RulesWriteBack(Path file) {
        this.file = file;
    }

    /**
     * Replaces the file's sharding section with {@code section}.
     *
     * @return null when written; otherwise why not, for the operator to fix (the rules are in force anyway)
     */
    public synchronized String write(String section) {
        if (file == null) {
            return "the proxy was not started from a configuration file";
        }
        try {
            String updated = RulesText.withSection(Files.readString(file, StandardCharsets.UTF_8), section);
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".new");
            try {
                Files.writeString(temporary, updated, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return null;
        } catch (IOException | ConfigException | RuntimeException ex) {
            return "not written to " + file + " (" + ex.getMessage() + "): the rules are in force but a restart"
                    + " would go back to the file's; edit its sharding section by hand";
        }
    }

    public Path file() {
        return file;
    }
}
