package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTextTest {
    private static final Set<String> SOURCES = Set.of("ds_0", "ds_1");
    private static final String SECTION = """
            sharding:
              # the order tables, split four ways per data source
              schemas:
                shop:
                  default-datasource: ds_0
                  tables:
                    t_order:
                      data-nodes: ds_${0..1}.t_order_${0..1}
                      database-strategy: { columns: user_id, algorithm: mod, count: 2 }
                      table-strategy: { columns: order_id, algorithm: mod, count: 2 }
            """;
    private static final String FILE = "server:\n  listen: 127.0.0.1:3307\n\n" + SECTION
            + "\n# the cache comes next\nresult-cache:\n  max-size: 1MiB\n";

    @Test
    void readsTheRulesAndKeepsTheSectionAsWritten() throws ConfigException {
        RulesText text = RulesText.parse("body", FILE, SOURCES);

        assertThat(text.rules().schema("shop").table("t_order").dataNodes()).hasSize(4);
        assertThat(text.section()).as("comments kept; the next section's comment and blank line left out")
                .isEqualTo(SECTION);
    }

    @Test
    void otherSectionsAreNotRead() throws ConfigException {
        RulesText text = RulesText.parse("body", "server: { nonsense: 1 }\nunknown-section: 3\n" + SECTION, SOURCES);

        assertThat(text.rules().schemas()).containsOnlyKeys("shop");
    }

    @Test
    void problemsNameTheLine() {
        ConfigException missing = catchThrowableOfType(ConfigException.class,
                () -> RulesText.parse("body", "server: {}\n", SOURCES));
        ConfigException unknownSource = catchThrowableOfType(ConfigException.class,
                () -> RulesText.parse("body", SECTION.replace("default-datasource: ds_0", "default-datasource: ds_9"),
                        SOURCES));
        ConfigException broken = catchThrowableOfType(ConfigException.class,
                () -> RulesText.parse("body", "sharding: [\n", SOURCES));

        assertThat(missing.problems()).singleElement().asString().contains("no 'sharding:' section");
        assertThat(unknownSource.problems()).anySatisfy(problem -> assertThat(problem).startsWith("body:5:")
                .contains("ds_9"));
        assertThat(broken.problems()).singleElement().asString().contains("not valid YAML");
    }

    @Test
    void writingASectionBackKeepsEveryOtherLine() throws ConfigException {
        String replacement = SECTION.replace("count: 2 }\n", "count: 2 }\n").replace("t_order_${0..1}",
                "t_order_${0..1}, ds_0.t_order_9");

        String updated = RulesText.withSection(FILE, replacement);

        assertThat(updated).isEqualTo(FILE.replace(SECTION, replacement));
        assertThat(RulesText.withSection("server:\n  listen: 127.0.0.1:3307\n", SECTION))
                .as("appended when the file has none").isEqualTo("server:\n  listen: 127.0.0.1:3307\n\n" + SECTION);
        assertThat(RulesText.sectionOf(updated)).isEqualTo(replacement);
    }
}
