package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshProcessTest {
    @TempDir
    Path work;

    @Test
    void theChildrensCpuIsReadFromTheSecondLineOfBashTimes() {
        assertThat(FreshProcess.childCpu("0m0.004s 0m0.002s\n1m2.500s 0m0.250s\n"))
                .isEqualTo(Duration.ofMillis(62_750));
        assertThatThrownBy(() -> FreshProcess.childCpu("garbage")).isInstanceOf(BenchmarkException.class);
    }

    @Test
    void aRunCountsFromItsOutputAndReportsItsOwnCpu() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        FreshProcess process = new FreshProcess(
                "counter",
                FreshProcess.shell("echo \"$GREETING\" | wc -c"),
                Map.of("GREETING", "hello"),
                Optional.empty(),
                work,
                ColdParts::firstNumber,
                () -> {});
        assertThat(process.ownCpuOfLastRun()).isEmpty();
        assertThat(process.run()).isEqualTo(6);
        assertThat(process.ownCpuOfLastRun())
                .hasValueSatisfying(cpu -> assertThat(cpu.isNegative()).isFalse());
    }

    @Test
    void aFailedRunNamesItsErrorFile() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        FreshProcess process = new FreshProcess(
                "broken one",
                List.of("bash", "-c", "echo nope >&2; exit 7"),
                Map.of(),
                Optional.empty(),
                work,
                ColdParts::firstNumber,
                () -> {});
        assertThatThrownBy(process::run)
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("exited with 7")
                .hasMessageContaining("fresh-broken-one.err");
    }
}
