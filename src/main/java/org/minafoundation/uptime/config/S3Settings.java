package org.minafoundation.uptime.config;

import java.util.Optional;

/** S3 (or an S3-compatible store) for cleanup archives and the published scoreboard. */
public record S3Settings(
        Optional<String> scoresUri,
        Optional<String> endpoint,
        boolean forcePathStyle,
        Optional<String> region) {

    static S3Settings read(VariableReader env) {
        return new S3Settings(
                env.optional("SCORES_S3_URI").map(uri -> {
                    if (!uri.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.+)")) {
                        throw new SettingException("SCORES_S3_URI", "'" + uri + "' is not s3://bucket/key");
                    }
                    return uri;
                }),
                env.optional("S3_ENDPOINT_URL"),
                env.flag("S3_FORCE_PATH_STYLE"),
                env.optional("S3_REGION").or(() -> env.optional("AWS_REGION")));
    }
}
