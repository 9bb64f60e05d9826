package imageopt.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment on this machine: the function's zip unpacked as the task root
 * (the working directory, as in Lambda; read-only, as there), its layers unpacked and mounted
 * read-only at {@code /opt}, the host's libstdc++ hidden, a fresh writable {@code /tmp} (512 MB,
 * Lambda's default), Lambda's environment variables, and a JVM started the
 * way the managed java25 runtime starts it: AWS's runtime client alone on the class path, the
 * handler string as its argument, talking to a {@link RuntimeApi}.
 *
 * <p>The mounts live in a private mount namespace ({@code unshare --mount}), so nothing of the host
 * changes; as root directly, otherwise in a user namespace. Where no namespace can be made, the
 * start fails saying so: without /opt and the hidden libstdc++ the run would prove nothing.
 * Unlike Lambda it runs as the invoking user (root in CI), and with this machine's CPUs.
 */
public final class LambdaSandbox implements AutoCloseable {
    /** The runtime client's entry point, as the managed Java runtimes start it. */
    static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda's search path for shared libraries; the layers' /opt/lib comes last. */
    static final String LD_LIBRARY_PATH = "/var/lang/lib:/lib64:/usr/lib64:%1$s:%1$s/lib:%2$s:%2$s/lib:/opt/lib";
    /** The library hidden from the function, so that only the layer's copy can serve libvips. */
    static final String HIDDEN_LIBRARY = "libstdc++.so";
    /** Directories the dynamic loader searches by default (glibc), where the host's copy may sit. */
    private static final List<String> SYSTEM_LIBRARY_DIRS = List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib");

    /** Run inside the namespace: the mounts, then the runtime's JVM in place of the shell. */
    private static final String ENTER = """
            set -eu
            opt=$1 client=$2 task=$PWD; shift 2
            # the fresh /tmp first: the task root, the layers and the runtime client may live under
            # the host's /tmp (a clone there), so they are held open and mounted back from their descriptors
            exec 3<"$task" 4<"$opt" 5<"$client"
            mount -t tmpfs -o size=512m imageopt-tmp /tmp
            mount -c --bind /proc/self/fd/4 /opt && mount -o remount,bind,ro /opt
            mkdir -p "$client" && mount -c --bind /proc/self/fd/5 "$client" && mount -o remount,bind,ro "$client"
            mkdir -p "$task" && mount -c --bind /proc/self/fd/3 "$task" && mount -o remount,bind,ro "$task" && cd "$task"
            exec 3<&- 4<&- 5<&-
            # the overlays' upper and work directories: a tmpfs detached once they are made
            scratch=/tmp/.imageopt-scratch
            mkdir "$scratch" && mount -t tmpfs -o size=16m imageopt-scratch "$scratch"
            i=0
            while [ "$1" != -- ]; do
              i=$((i + 1)); mkdir "$scratch/upper$i" "$scratch/work$i"
              for f in "$1"/libstdc++.so*; do [ -e "$f" ] || [ -L "$f" ] && mknod "$scratch/upper$i/${f##*/}" c 0 0; done
              mount -t overlay overlay -o "lowerdir=$1,upperdir=$scratch/upper$i,workdir=$scratch/work$i" "$1"
              shift
            done
            shift
            umount -l "$scratch" && rmdir "$scratch"
            exec "$@"
            """;

    private final Process process;
    private final RuntimeApi api;
    private final long startedAtNanos;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private LambdaSandbox(Process process, RuntimeApi api, long startedAtNanos, Consumer<String> echo) {
        this.process = process;
        this.api = api;
        this.startedAtNanos = startedAtNanos;
        pump(process.getInputStream(), echo);
        pump(process.getErrorStream(), echo);
    }

    /**
     * Unpacks the function and its layers under {@code workDir} and starts the runtime.
     *
     * @param runtimeClient the directory of the runtime client's jars
     * @param extraEnvironment what this machine adds to the function's environment (the S3 endpoint)
     * @param echo receives every line the function's process prints (its log)
     */
    public static LambdaSandbox start(FunctionDefinition function, Path workDir, Path runtimeClient, RuntimeApi api,
                                      Credentials credentials, String region, Map<String, String> extraEnvironment,
                                      Consumer<String> echo) throws IOException {
        checkRuntime(function);
        deleteRecursively(workDir);
        Path task = Files.createDirectories(workDir.resolve("task"));
        Path opt = Files.createDirectories(workDir.resolve("opt"));
        unzip(function.code(), task);
        for (Path layer : function.layers()) unzip(layer, opt); // in order: a later layer's file wins, as in Lambda

        List<String> command = new ArrayList<>(namespaceCommand());
        command.addAll(List.of("/bin/sh", "-c", ENTER, "sandbox", opt.toString(), runtimeClient.toAbsolutePath().toString()));
        for (Path dir : directoriesHolding(HIDDEN_LIBRARY)) command.add(dir.toString());
        command.add("--");
        command.addAll(javaCommand(function, runtimeClient));

        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(function, task, runtimeClient, api, credentials, region));
        builder.environment().putAll(extraEnvironment);
        long started = System.nanoTime();
        return new LambdaSandbox(builder.start(), api, started, echo);
    }

    /** The JVM of Lambda's managed Java runtime: heap from the memory size, serial GC, C1 only (on-demand, no SnapStart). */
    static List<String> javaCommand(FunctionDefinition function, Path runtimeClient) throws IOException {
        String classPath;
        try (Stream<Path> jars = Files.list(runtimeClient)) {
            classPath = String.join(":", jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
        }
        long heapKb = (long) Math.ceil(function.memoryMb() * 1024 * 0.85);
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=" + heapKb + "k", "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr", "-classpath", classPath, RUNTIME_CLIENT_MAIN, function.handler());
    }

    /** The variables Lambda sets (reserved ones last, so the function's own cannot replace them). */
    static Map<String, String> environment(FunctionDefinition function, Path task, Path runtimeClient, RuntimeApi api,
                                           Credentials credentials, String region) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        String name = "imageopt-sandbox-" + function.logicalId();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LD_LIBRARY_PATH", String.format(LD_LIBRARY_PATH, runtimeClient, task));
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeClient.toString());
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "sandbox/[$LATEST]0");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken()); // Lambda's role credentials are always temporary
        return env;
    }

    /** Lambda's credentials: temporary, so always with a session token. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {}

    /** The JDK running this is the one the function gets: it must be the runtime's Java. */
    private static void checkRuntime(FunctionDefinition function) {
        String expected = "java" + Runtime.version().feature();
        if (!function.runtime().equals(expected)) {
            throw new IllegalStateException("the function's runtime is " + function.runtime() + " but this JDK is " + expected);
        }
        if (Path.of(System.getProperty("java.home")).startsWith("/opt")) {
            throw new IllegalStateException("this JDK lives under /opt, where the function's layers are mounted: use a JDK from elsewhere");
        }
        String machine = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        if (!function.architecture().equals(machine)) {
            throw new IllegalStateException("the function is built for " + function.architecture() + " and this machine is " + machine
                    + ": synthesize with -c LAMBDA_ARCHITECTURE=" + machine + " to run it here");
        }
    }

    /** unshare as root directly; otherwise mapped to root in a user namespace of one's own. */
    private static List<String> namespaceCommand() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? List.of("unshare", "--mount", "--propagation", "private")
                : List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private");
    }

    /** The real directories that hold the library: the loader's default ones and those in its cache (ldconfig -p), each once. */
    static List<Path> directoriesHolding(String prefix) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String line : ldconfigCache()) {
            int arrow = line.indexOf(" => ");
            if (line.strip().startsWith(prefix) && arrow > 0) {
                Path file = Path.of(line.substring(arrow + 4).strip());
                if (Files.exists(file)) dirs.add(file.toRealPath().getParent());
            }
        }
        for (String base : SYSTEM_LIBRARY_DIRS) {
            Path dir = Path.of(base);
            if (!Files.isDirectory(dir)) continue;
            List<Path> candidates = new ArrayList<>(List.of(dir));
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, "*-linux-gnu*")) {
                children.forEach(candidates::add); // the multiarch directories (Debian, Ubuntu)
            }
            for (Path candidate : candidates) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(candidate, prefix + "*")) {
                    if (files.iterator().hasNext()) dirs.add(candidate.toRealPath());
                }
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * Hands one event to the function and returns what came back: its response, its error, or
     * the init error. Fails if the process ends or the function's timeout passes without an answer.
     */
    public RuntimeApi.Outcome invoke(String event) throws InterruptedException {
        return api.invoke(event, this::isAlive, this::whyItEnded);
    }

    private String whyItEnded() {
        List<String> lines = output();
        boolean sandboxFailed = api.initDoneAtNanos().isEmpty()
                && lines.stream().anyMatch(line -> line.startsWith("unshare:") || line.startsWith("mount:") || line.startsWith("mknod:"));
        return (sandboxFailed
                ? "the sandbox could not be made: it needs a private mount namespace (run as root, or allow unprivileged user namespaces)"
                : "the function's process ended without answering") + " (exit code " + process.exitValue() + "); its output:\n  " + String.join("\n  ", lines);
    }

    /** The loader's cache as `ldconfig -p` prints it; empty where there is no ldconfig. */
    private static List<String> ldconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) continue;
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                p.waitFor(10, TimeUnit.SECONDS);
                return lines;
            } catch (IOException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    /** System.nanoTime() just before the process was started. */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (after an init error Lambda's runtime exits); its exit code, or -1. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void pump(InputStream stream, Consumer<String> echo) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                    echo.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "sandbox-output");
        t.setDaemon(true);
        t.start();
    }

    static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(z.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(entry)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
