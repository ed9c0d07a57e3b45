package org.minafoundation.uptime.config;

import java.util.Map;

/**
 * The AWS SDK's default credentials chain (Keyspaces SigV4 and S3 without static keys)
 * reads the process environment and system properties, never our {@code .env}. So the AWS
 * variables that come only from {@code .env} are handed to it as the system properties it
 * reads in their place: web identity set up in {@code .env} then works as in a pod.
 */
public final class AwsSdkProperties {

    /** Our variable → the SDK's system property for the same setting (SdkSystemSetting). */
    static final Map<String, String> PROPERTIES = Map.of(
            "AWS_ROLE_ARN", "aws.roleArn",
            "AWS_ROLE_SESSION_NAME", "aws.roleSessionName",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "aws.webIdentityTokenFile",
            "AWS_REGION", "aws.region");

    private AwsSdkProperties() {
    }

    /** Sets the properties of the variables in {@code merged} (process environment plus .env) that the process lacks. */
    public static void fromEnvironmentFile(Map<String, String> merged, Map<String, String> process) {
        PROPERTIES.forEach((variable, property) -> {
            String value = merged.get(variable);
            if (value != null && !value.isBlank() && !process.containsKey(variable) && System.getProperty(property) == null) {
                System.setProperty(property, value.strip());
            }
        });
    }
}
