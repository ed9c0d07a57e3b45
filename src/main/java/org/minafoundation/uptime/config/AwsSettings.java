package org.minafoundation.uptime.config;

import java.util.Optional;

/** AWS credentials and places shared by the verifier, Keyspaces and S3. */
public record AwsSettings(
        Optional<String> region,
        Optional<String> defaultRegion,
        Keys keys,
        /** The verifier's bucket (AWS_S3_BUCKET), handed to it as is. */
        Optional<String> s3Bucket,
        WebIdentity webIdentity) {

    /** Static keys; with temporary ones (an assumed role, SSO) their session token too. */
    public record Keys(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken) {
    }

    /** A role assumed with a web identity token (as in a pod); with a role, static keys are not used. */
    public record WebIdentity(Optional<String> roleArn, Optional<String> roleSessionName, Optional<String> tokenFile) {
    }

    static AwsSettings read(VariableReader env) {
        return new AwsSettings(
                env.optional("AWS_REGION"),
                env.optional("AWS_DEFAULT_REGION"),
                new Keys(env.secret("AWS_ACCESS_KEY_ID"), env.secret("AWS_SECRET_ACCESS_KEY"),
                        env.secret("AWS_SESSION_TOKEN")),
                env.optional("AWS_S3_BUCKET"),
                new WebIdentity(env.optional("AWS_ROLE_ARN"), env.optional("AWS_ROLE_SESSION_NAME"),
                        env.optional("AWS_WEB_IDENTITY_TOKEN_FILE")));
    }
}
