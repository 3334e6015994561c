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

    /**
     * A complete valid file with two data sources and the sharding section of docs/configuration.md; tests replace
     * lines in it. Line numbers matter to the tests: t_order is at line 20, the binding group at 30.
     */
    static final String SHARDED = """
            users:
              - name: demo
                password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
            datasources:
              ds_0:
                primary: 127.0.0.1:3326
                user: shardline
              ds_1:
                primary: 127.0.0.1:3327
                user: shardline
            sharding:
              key-generator:
                worker-id: 1
                max-clock-rollback: 10ms
              schemas:
                shop:
                  default-datasource: ds_0
                  actual-databases: { ds_1: shop_1 }
                  tables:
                    t_order:
                      data-nodes: ds_${0..1}.t_order_${0..3}
                      database-strategy: { columns: user_id, algorithm: inline, expression: "ds_${user_id % 2}" }
                      table-strategy: { columns: order_id, algorithm: mod, count: 4 }
                      key-generator: { column: order_id }
                    t_order_item:
                      data-nodes: ds_${0..1}.t_order_item_${0..3}
                      database-strategy: { columns: user_id, algorithm: inline, expression: "ds_${user_id % 2}" }
                      table-strategy: { columns: order_id, algorithm: mod, count: 4 }
                  binding-groups:
                    - [t_order, t_order_item]
                  broadcast-tables: [t_dict]
            """;

    private final Path dir;
    private int count;

    ConfigFiles(Path dir) {
        this.dir = dir;
    }

    /** A file of the project, such as conf/demo.yaml, found from the directory the tests run in. */
    static Path findUpwards(Path relative) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve(relative))) {
                return at.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
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
