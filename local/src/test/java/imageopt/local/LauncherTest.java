package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: each subcommand of {@code ./imageopt} answers {@code --help} with its own text and
 * exit status 0, without building anything (before, {@code test --help} printed Maven's usage
 * and exited 1, and {@code local --help} ran a build first). A {@code mvn} that records being
 * called stands first on PATH: it must never run.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"test", "load-test", "local", "transform"})
    void helpIsItsOwnAndBuildsNothing(String command) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path called = tmp.resolve("mvn-was-called");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch '" + called + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder(List.of(TestEdge.ROOT.resolve("imageopt").toString(), command, "--help"))
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = builder.start();
        String out = MainProcessTest.read(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(Files.exists(called), command + " --help ran Maven:\n" + out);
        assertTrue(out.toLowerCase().startsWith("usage: ") && out.contains("imageopt " + command), command + ":\n" + out);
    }
}
