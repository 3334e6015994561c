package io.shardline.router.classify;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Runs every case of every {@code classify/*.cases} resource, each reported as file:line. */
class ClassifierCasesTest {

    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : caseFiles()) {
            String name = file.getFileName().toString();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<ClassificationCase> cases = CaseFileReader.read(name, lines);
            assertThat(cases).as("cases in %s", name).isNotEmpty();
            files.add(DynamicContainer.dynamicContainer(name, cases.stream().map(ClassifierCasesTest::test)));
        }
        return files.stream();
    }

    private static DynamicTest test(ClassificationCase c) {
        URI source = URI.create("classpath:/classify/" + c.file() + "?line=" + c.line());
        return DynamicTest.dynamicTest(c.displayName(), source, () -> {
            Classification actual = Classifier.classify(c.sql(), c.options());
            assertThat(actual)
                    .as("%s:%d%n%s%n", c.file(), c.line(), c.sql())
                    .isEqualTo(c.expected());
        });
    }

    private static List<Path> caseFiles() throws IOException, URISyntaxException {
        URL directory = ClassifierCasesTest.class.getResource("/classify");
        assertThat(directory).as("classify/ test resources").isNotNull();
        try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
            List<Path> files = paths.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
            assertThat(files).as("*.cases files").isNotEmpty();
            return files;
        }
    }
}
