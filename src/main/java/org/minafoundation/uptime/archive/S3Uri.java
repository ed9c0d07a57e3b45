package org.minafoundation.uptime.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} address: the bucket and the key (or key prefix) in it, without
 * leading or trailing slashes.
 */
public record S3Uri(String bucket, String key) {

    // Bucket names as S3 allows them (3-63 lower-case letters, digits, dots, hyphens).
    private static final Pattern URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");

    public S3Uri {
        key = trimSlashes(key == null ? "" : key);
    }

    /** Parses {@code s3://bucket[/key]}; throws IllegalArgumentException saying what is wrong. */
    public static S3Uri parse(String text) {
        Matcher m = URI.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not s3://bucket/prefix (bucket: 3-63 lower-case letters,"
                    + " digits, dots or hyphens)");
        }
        return new S3Uri(m.group(1), m.group(2));
    }

    /** The key {@code name} under this one, joined with a single slash. */
    public S3Uri resolve(String name) {
        String child = trimSlashes(name);
        return new S3Uri(bucket, key.isEmpty() ? child : key + "/" + child);
    }

    private static String trimSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
    }
}
