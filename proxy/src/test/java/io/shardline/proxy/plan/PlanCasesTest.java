package io.shardline.proxy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.plan.ShardPlanner;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of every {@code plan/*.cases} resource through {@link ShardPlanner} under the rules of the YAML
 * file the case names, read by the proxy's own {@link ConfigLoader}; each case is reported as file:line. The format
 * is described at the top of each .cases file.
 */
class PlanCasesTest {
    /** One planner per setting of the safety switch, shared by the cases as the proxy shares one. */
    private static final ShardPlanner SAFE = new ShardPlanner(1_000, false);
    private static final ShardPlanner UNSAFE = new ShardPlanner(1_000, true);
    private static final List<String> REFUSALS = List.of("refused", "unparsable", "columns needed");

    private final Map<String, ShardingRules> rulesByFile = new HashMap<>();

    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        Path directory = directory();
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : caseFiles(directory)) {
            String name = file.getFileName().toString();
            List<PlanCase> cases = PlanCaseReader.read(name, Files.readAllLines(file, StandardCharsets.UTF_8));
            assertThat(cases).as("cases in %s", name).isNotEmpty();
            files.add(DynamicContainer.dynamicContainer(name,
                    cases.stream().map(each -> test(directory, each))));
        }
        return files.stream();
    }

    private DynamicTest test(Path directory, PlanCase c) {
        URI source = URI.create("classpath:/plan/" + c.file() + "?line=" + c.line());
        return DynamicTest.dynamicTest(c.displayName(), source, () -> {
            ShardingRules rules = rules(directory, c.rulesFile());
            SchemaRules schema = schema(rules, c);
            ShardPlanner planner = c.allowFullTableWrites() || rules.allowFullTableWrites() ? UNSAFE : SAFE;
            AtomicLong keys = new AtomicLong(c.firstKey());
            List<String> actual;
            try {
                actual = PlanText.of(planner.route(c.sql(), schema, c.options(), c.parameters(),
                        keys::getAndIncrement, table -> c.knownColumns().get(table)));
            } catch (ShardingException refusal) {
                actual = List.of(PlanText.of(refusal));
            }
            String where = String.format("%s:%d (rules %s)%n%s%n", c.file(), c.line(), c.rulesFile(), c.sql());
            if (isRefusal(c.expected())) {
                checkRefusal(where, c.expected().get(0), actual);
            } else {
                assertThat(String.join("\n", actual)).as(where).isEqualTo(String.join("\n", c.expected()));
            }
        });
    }

    private static boolean isRefusal(List<String> expected) {
        String first = expected.get(0);
        return REFUSALS.stream().anyMatch(first::startsWith);
    }

    /** A refusal is expected by its kind (and error code) and a part of its message. */
    private static void checkRefusal(String where, String expected, List<String> actual) {
        int colon = expected.indexOf(':');
        assertThat(colon).as("%s'%s' needs a ':' before the expected message", where, expected).isPositive();
        String kind = expected.substring(0, colon + 1);
        String message = expected.substring(colon + 1).strip();
        assertThat(actual).as(where).hasSize(1);
        assertThat(actual.get(0)).as(where).startsWith(kind).contains(message);
    }

    private ShardingRules rules(Path directory, String file) {
        return rulesByFile.computeIfAbsent(file, name -> {
            try {
                return ConfigLoader.load(directory.resolve(name)).sharding();
            } catch (ConfigException ex) {
                throw new AssertionError("rules file " + name + " does not load: " + ex.getMessage(), ex);
            }
        });
    }

    private static SchemaRules schema(ShardingRules rules, PlanCase c) {
        if (c.schema() != null) {
            SchemaRules result = rules.schema(c.schema());
            assertThat(result).as("schema %s in %s", c.schema(), c.rulesFile()).isNotNull();
            return result;
        }
        assertThat(rules.schemas()).as("%s has one schema, or the @rules line names one", c.rulesFile()).hasSize(1);
        return rules.schemas().values().iterator().next();
    }

    private static Path directory() throws URISyntaxException {
        URL directory = PlanCasesTest.class.getResource("/plan");
        assertThat(directory).as("plan/ test resources").isNotNull();
        return Path.of(directory.toURI());
    }

    private static List<Path> caseFiles(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            List<Path> files = paths.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
            assertThat(files).as("*.cases files").isNotEmpty();
            return files;
        }
    }
}
