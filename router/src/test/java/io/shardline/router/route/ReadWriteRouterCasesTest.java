package io.shardline.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.classify.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs the routing table in route/read_write.cases, one dynamic test per case, named by its line. */
class ReadWriteRouterCasesTest {
    private record Case(int line, String sql, SessionFacts facts, String expected) {
    }

    @TestFactory
    List<DynamicTest> routingTable() throws IOException {
        List<DynamicTest> result = new ArrayList<>();
        for (Case each : load("/route/read_write.cases")) {
            result.add(DynamicTest.dynamicTest("read_write.cases:" + each.line + " " + each.sql, () -> {
                ReadWriteDecision decision = ReadWriteRouter.decide(Classifier.classify(each.sql), each.facts);
                String actual = decision.target() + " " + decision.reason() + (decision.hinted() ? " hinted" : "");
                assertThat(actual).isEqualTo(each.expected);
            }));
        }
        return result;
    }

    private static List<Case> load(String resource) throws IOException {
        List<Case> result = new ArrayList<>();
        try (InputStream in = ReadWriteRouterCasesTest.class.getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            StringBuilder sql = new StringBuilder();
            SessionFacts facts = SessionFacts.FRESH;
            int start = 0;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("##") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("@ ")) {
                    facts = new SessionFacts(line.contains("tx"), !line.contains("autocommit-off"), line.contains("state"));
                } else if (line.startsWith("> ")) {
                    result.add(new Case(start, sql.toString().trim(), facts, line.substring(2).trim()));
                    sql.setLength(0);
                    facts = SessionFacts.FRESH;
                } else {
                    start = sql.length() == 0 ? i + 1 : start;
                    sql.append(line).append('\n');
                }
            }
        }
        return result;
    }
}
