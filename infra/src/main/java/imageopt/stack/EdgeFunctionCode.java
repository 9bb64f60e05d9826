package imageopt.stack;

import imageopt.parameters.ContractSettings;
import imageopt.parameters.InvalidParameterException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * url-rewrite.js with its CONFIG line replaced by a deployment's settings, the same way the edge
 * tests replace it (infra/edge/test/sandbox.mjs), refused if CloudFront would refuse it.
 */
public final class EdgeFunctionCode {

    /** CloudFront's limit on a function's code. */
    public static final int MAX_BYTES = 10_240;

    private static final Pattern CONFIG_LINE = Pattern.compile("^const CONFIG = (.*);$", Pattern.MULTILINE);

    private EdgeFunctionCode() {
    }

    public static String render(ContractSettings settings) {
        return render(read(Artifacts.require(Artifacts.EDGE_FUNCTION)), settings);
    }

    static String render(String source, ContractSettings settings) {
        Matcher line = CONFIG_LINE.matcher(source);
        int count = 0;
        while (line.find()) count++;
        if (count != 1) {
            throw new IllegalStateException(Artifacts.EDGE_FUNCTION + " must hold exactly one CONFIG line, found " + count);
        }
        String code = CONFIG_LINE.matcher(shipped(source))
            .replaceFirst(Matcher.quoteReplacement("const CONFIG = " + settings.toJson() + ";"));
        int bytes = code.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            // Only the list of widths can grow the line this much.
            throw new InvalidParameterException(ContractSettings.ALLOWED_WIDTHS, "makes the edge function " + bytes
                + " bytes, over CloudFront's " + MAX_BYTES + "; list fewer widths");
        }
        return code;
    }

    /**
     * The source without its whole-line // comments: CloudFront counts every byte of its 10 KB, the
     * comments stay in the repository. infra/edge/test/sandbox.mjs strips them the same way, so the
     * node tests run exactly what ships.
     */
    static String shipped(String source) {
        return java.util.Arrays.stream(source.split("\n", -1))
            .filter(line -> !line.strip().startsWith("//"))
            .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
