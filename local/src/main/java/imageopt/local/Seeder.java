package imageopt.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies a folder of images into the originals bucket under a prefix, as an operator uploads
 * originals to S3 (the AWS sample deploys its own under {@code images/rio/}). Run at every start:
 * a file already there with the same MD5 is left alone; a changed one replaces its original and
 * removes the variants made from the old one, so nothing stale is served.
 */
final class Seeder {
    /** What one run did. */
    record Result(int uploaded, int unchanged, int variantsRemoved, List<String> keys) {}

    private final S3Client s3;
    private final String originals;
    private final String transformed;

    Seeder(S3Client s3, String originals, String transformed) {
        this.s3 = s3;
        this.originals = originals;
        this.transformed = transformed;
    }

    /** Every regular, non-hidden file under {@code folder}, at {@code prefix + its relative path}. */
    Result seed(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) throw new LocalConfig.BadSetting("the folder " + folder + " does not exist or is not a folder");
        if (!Files.isReadable(folder)) throw new LocalConfig.BadSetting("the folder " + folder + " cannot be read");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> folder.relativize(p).toString().chars().noneMatch(c -> c == '\\'))
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LocalConfig.BadSetting("the folder " + folder + " cannot be read: " + e.getMessage());
        }
        int uploaded = 0, unchanged = 0, removed = 0;
        List<String> keys = new ArrayList<>();
        for (Path file : files) {
            String key = prefix + folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new LocalConfig.BadSetting("cannot read " + file + ": " + e.getMessage());
            }
            keys.add(key);
            String md5 = md5(bytes);
            String stored = storedEtag(key);
            if (md5.equals(stored)) {
                unchanged++;
                continue;
            }
            s3.putObject(b -> b.bucket(originals).key(key).contentType(contentType(file)), RequestBody.fromBytes(bytes));
            uploaded++;
            if (stored != null) removed += removeVariants(key);
        }
        return new Result(uploaded, unchanged, removed, keys);
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private String storedEtag(String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(originals).key(key));
            return r.eTag() == null ? "" : r.eTag().replace("\"", "");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return null;
            throw e;
        }
    }

    /** Removes the variants of one original: every key under {@code key + "/"} in the transformed bucket. */
    int removeVariants(String key) {
        int n = 0;
        if (transformed == null) return 0;
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(transformed).prefix(key + "/"))) {
            List<ObjectIdentifier> ids = page.contents().stream().map(S3Object::key)
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (ids.isEmpty()) continue;
            for (ObjectIdentifier id : ids) s3.deleteObject(b -> b.bucket(transformed).key(id.key()));
            n += ids.size();
        }
        return n;
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "avif" -> "image/avif";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            case "tif", "tiff" -> "image/tiff";
            case "heic", "heif" -> "image/heif";
            default -> "application/octet-stream";
        };
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
