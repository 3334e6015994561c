package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: writes YAML into a temporary directory and loads it. */
final class ConfigFiles {
    /** A complete valid file; tests append to it or replace lines in it. */
    static final String MINIMAL = """
            server:
              listen: 127.0.0.1:3307
            users:
              - name: demo
                password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
            datasources:
              main:
                primary: 127.0.0.1:3316
                user: shardline
                password: shardline
            """;

    private final Path dir;
    private int count;

    ConfigFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String yaml) {
        Path file = dir.resolve("proxy-" + ++count + ".yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return file;
    }

    ProxyConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(write(yaml));
    }

    /** Loads a file that must be refused; returns it with its problems. */
    Refused refused(String yaml) {
        Path file = write(yaml);
        ConfigException ex = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(ex).as("the file is refused").isNotNull();
        assertThat(ex.getMessage()).isEqualTo(String.join("\n", ex.problems()));
        return new Refused(file, ex.problems());
    }

    record Refused(Path file, List<String> problems) {
        /** Checks that one problem names file:line and contains every fragment. */
        Refused has(int line, String... fragments) {
            String prefix = file + ":" + line + ": ";
            assertThat(problems).as("problems").anySatisfy(problem -> {
                assertThat(problem).startsWith(prefix);
                for (String each : fragments) {
                    assertThat(problem).contains(each);
                }
            });
            return this;
        }

        Refused count(int expected) {
            assertThat(problems).as("problems").hasSize(expected);
            return this;
        }
    }
}
