package io.shardline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ExitCodesTest {

    @ParameterizedTest(name = "HTTP {0} -> exit {1}")
    @CsvSource({"200, 0", "204, 0", "400, 2", "401, 5", "403, 5", "404, 1", "405, 1", "409, 6", "422, 4",
            "500, 1", "503, 1"})
    void httpStatusesMapToTheDocumentedExitCodes(int status, int exit) {
        assertThat(ExitCodes.forHttpStatus(status)).isEqualTo(exit);
    }

    @Test
    void theCodesAreTheDocumentedNumbers() {
        assertThat(new int[] {ExitCodes.OK, ExitCodes.OPERATION_FAILED, ExitCodes.USAGE, ExitCodes.CANNOT_REACH_PROXY,
                ExitCodes.VALIDATION_FAILED, ExitCodes.NOT_AUTHORIZED, ExitCodes.REFUSED})
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void aShardctlExceptionEndsInItsMessageOnStandardErrorAndItsCode() {
        java.io.StringWriter err = new java.io.StringWriter();

        int code = Failures.report(new java.io.PrintWriter(err), () -> {
            throw new ShardctlException(ExitCodes.REFUSED, "refused (409): it would move rows");
        });

        assertThat(code).isEqualTo(6);
        assertThat(err.toString()).isEqualTo("shardctl: refused (409): it would move rows" + System.lineSeparator());
    }

    @Test
    void usageErrorsOfPicocliExitWith2() {
        Run run = Run.of("--no-such-option");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'").contains("Usage: shardctl");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = Run.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("name a command").contains("Usage: shardctl");
    }

    @Test
    void helpListsTheExitCodesOnStandardOutput() {
        Run run = Run.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("6   refused: a rules change that would move stored rows")
                .contains("completion");
    }

    @Test
    void durationsReadAsTheConfigurationWritesThem() {
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThatThrownBy(() -> Durations.parse("10 parsecs")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("above zero");
    }
}
