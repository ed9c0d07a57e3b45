package org.minafoundation.uptime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkSystemSetting;

/** Web identity set up in .env reaches the AWS SDK's default chain, which reads only the process's environment and properties. */
class AwsSdkPropertiesTest {

    @AfterEach
    void forget() {
        AwsSdkProperties.PROPERTIES.values().forEach(System::clearProperty);
    }

    @Test
    void awsVariablesOnlyInTheEnvironmentFileReachTheSdk() {
        Map<String, String> process = Map.of("AWS_REGION", "us-west-2");
        Map<String, String> merged = Map.of(
                "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/uptime-coordinator",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
                "AWS_ROLE_SESSION_NAME", " coordinator ",
                "AWS_REGION", "us-west-2");

        AwsSdkProperties.fromEnvironmentFile(merged, process);

        assertEquals(Optional.of("arn:aws:iam::123456789012:role/uptime-coordinator"),
                SdkSystemSetting.AWS_ROLE_ARN.getStringValue());
        assertEquals(Optional.of("/var/run/secrets/eks.amazonaws.com/serviceaccount/token"),
                SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue());
        assertEquals(Optional.of("coordinator"), SdkSystemSetting.AWS_ROLE_SESSION_NAME.getStringValue());
        assertNull(System.getProperty("aws.region"), "the process's own variable is read by the SDK as it is");
    }
}
