package org.minafoundation.uptime.archive;

import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Whether the object S3 holds is the file we sent: same size always; same ETag as the PUT
 * answered; and the ETag equal to the file's MD5 when S3 makes it one (a single-part object
 * not encrypted with KMS or a customer key, where the ETag is something else).
 */
final class UploadCheck {

    private UploadCheck() {
    }

    /** Empty when the object checks out, else what differs. */
    static Optional<String> problem(ExportedTable sent, String putETag, HeadObjectResponse stored) {
        if (stored.contentLength() == null || stored.contentLength() != sent.size()) {
            return Optional.of("holds " + stored.contentLength() + " bytes, " + sent.size() + " were sent");
        }
        String etag = unquote(stored.eTag());
        if (putETag != null && !unquote(putETag).equals(etag)) {
            return Optional.of("ETag " + etag + " is not the " + unquote(putETag) + " the upload answered");
        }
        String md5 = HexFormat.of().formatHex(sent.md5());
        if (etagIsMd5(stored) && !md5.equalsIgnoreCase(etag)) {
            return Optional.of("ETag " + etag + " is not the MD5 " + md5 + " of the file sent");
        }
        return Optional.empty();
    }

    private static boolean etagIsMd5(HeadObjectResponse stored) {
        String etag = unquote(stored.eTag());
        boolean multipart = etag.contains("-");
        String sse = stored.serverSideEncryptionAsString();
        boolean kms = sse != null && sse.startsWith("aws:kms");
        return !etag.isEmpty() && !multipart && !kms && stored.sseCustomerAlgorithm() == null;
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
