package org.minafoundation.uptime.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The upload check: what S3 says it holds against what was sent. */
class UploadCheckTest {

    static final byte[] MD5 = HexFormat.of().parseHex("9e107d9d372bb6826bd81d3542a419d6");
    static final ExportedTable SENT = new ExportedTable("points", 3, Path.of("points.csv.gz"), 120, MD5);
    static final String ETAG = "\"9e107d9d372bb6826bd81d3542a419d6\"";

    @Test
    void sameSizeAndMd5ChecksOut() {
        assertEquals(Optional.empty(), UploadCheck.problem(SENT, ETAG, head(120, ETAG).build()));
    }

    @Test
    void otherSizeFails() {
        assertTrue(UploadCheck.problem(SENT, ETAG, head(119, ETAG).build()).orElseThrow().contains("119 bytes"));
    }

    @Test
    void otherMd5Fails() {
        String other = "\"0cc175b9c0f1b6a831c399e269772661\"";
        assertTrue(UploadCheck.problem(SENT, other, head(120, other).build()).orElseThrow().contains("MD5"));
    }

    @Test
    void anotherObjectThanThePutAnsweredFails() {
        String other = "\"0cc175b9c0f1b6a831c399e269772661\"";
        assertTrue(UploadCheck.problem(SENT, other, head(120, ETAG).build()).orElseThrow().contains("upload answered"));
    }

    @Test
    void multipartAndKmsETagsAreNotMd5sSoOnlyTheSizeCounts() {
        String multipart = "\"d41d8cd98f00b204e9800998ecf8427e-3\"";
        assertEquals(Optional.empty(), UploadCheck.problem(SENT, multipart, head(120, multipart).build()));
        String kms = "\"0cc175b9c0f1b6a831c399e269772661\"";
        assertEquals(Optional.empty(), UploadCheck.problem(SENT, kms, head(120, kms).serverSideEncryption("aws:kms").build()));
        assertTrue(UploadCheck.problem(SENT, multipart, head(121, multipart).build()).isPresent());
    }

    private static HeadObjectResponse.Builder head(long size, String etag) {
        return HeadObjectResponse.builder().contentLength(size).eTag(etag);
    }
}
