package io.shardline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files named on the command line: read as UTF-8, or a usage error that says why in words. */
public final class TextFiles {
    private TextFiles() {}

    /** @param what how the command line named it, for the message ({@code FILE}, {@code --token-file}) */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException ex) {
            throw cannotRead(file, what, "no such file");
        } catch (AccessDeniedException ex) {
            throw cannotRead(file, what, "permission denied");
        } catch (IOException ex) {
            throw cannotRead(file, what, Files.isDirectory(file) ? "it is a directory" : String.valueOf(ex.getMessage()));
        }
    }

    private static ShardctlException cannotRead(Path file, String what, String why) {
        return new ShardctlException(ExitCodes.USAGE, "cannot read " + what + " " + file + ": " + why);
    }
}
