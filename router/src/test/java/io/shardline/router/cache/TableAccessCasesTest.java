package io.shardline.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.classify.Classifier;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of every {@code cache/*.cases} resource, each reported as file:line, twice on an analyzer of its
 * own: the second answer comes from the analyzer's cache of statement shapes.
 */
class TableAccessCasesTest {
    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : caseFiles()) {
            String name = file.getFileName().toString();
            List<TableAccessCase> cases = TableAccessCase.read(name, Files.readAllLines(file, StandardCharsets.UTF_8));
            assertThat(cases).as("cases in %s", name).isNotEmpty();
            files.add(DynamicContainer.dynamicContainer(name, cases.stream().map(TableAccessCasesTest::test)));
        }
        return files.stream();
    }

    private static DynamicTest test(TableAccessCase c) {
        URI source = URI.create("classpath:/cache/" + c.file() + "?line=" + c.line());
        return DynamicTest.dynamicTest(c.displayName(), source, () -> {
            TableAccessAnalyzer analyzer = new TableAccessAnalyzer(10);
            for (String round : List.of("first", "cached")) {
                Tokens tokens = SqlLexer.tokenize(c.sql(), c.options());
                TableAccess actual = analyzer.of(tokens, c.options(), Classifier.classifyTokenized(tokens), c.schema());
                assertThat(actual).as("%s:%d (%s)%n%s%n", c.file(), c.line(), round, c.sql()).isEqualTo(c.expected());
            }
        });
    }

    private static List<Path> caseFiles() throws IOException, URISyntaxException {
        URL directory = TableAccessCasesTest.class.getResource("/cache");
        assertThat(directory).as("cache/ test resources").isNotNull();
        try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
            List<Path> files = paths.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
            assertThat(files).as("*.cases files").isNotEmpty();
            return files;
        }
    }
}
