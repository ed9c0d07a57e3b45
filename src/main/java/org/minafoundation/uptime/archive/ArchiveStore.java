package org.minafoundation.uptime.archive;

import java.util.Base64;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The archive's bucket through camel-aws2-s3: a small Camel context of its own (the cleanup
 * runs outside the coordinator) with one producer template for put, head and delete.
 */
final class ArchiveStore implements AutoCloseable {

    /** Files from this size on go up in parts (a single PUT stops at 5 GiB). */
    static final long PART_SIZE = 64L * 1024 * 1024;

    private final S3Client client;
    private final CamelContext camel;
    private final ProducerTemplate template;

    ArchiveStore(S3Access access) throws ArchiveFailedException {
        try {
            client = access.newClient();
        } catch (SdkClientException e) {
            throw new ArchiveFailedException("cannot use S3 (" + access.describe() + "): " + e.getMessage()
                    + " (set S3_REGION or AWS_REGION)", e);
        }
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("cleanup-archive");
        camel.addComponent("aws2-s3", access.component(client));
        camel.start();
        template = camel.createProducerTemplate();
    }

    /** The object's metadata, or empty when there is no such key. */
    Optional<HeadObjectResponse> head(S3Uri object) throws ArchiveFailedException {
        Exchange done = send(object, "?operation=headObject", exchange -> exchange.getIn().setHeader(AWS2S3Constants.KEY, object.key()));
        if (done.getException() != null) {
            if (notFound(done.getException())) {
                return Optional.empty();
            }
            throw new ArchiveFailedException("cannot read " + object + ": " + reason(done.getException()), done.getException());
        }
        return Optional.of(done.getMessage().getBody(HeadObjectResponse.class));
    }

    /** Uploads the file (Content-MD5 on a single PUT, so S3 itself rejects a corrupted body); returns the ETag. */
    String put(S3Uri object, ExportedTable table) throws ArchiveFailedException {
        boolean parts = table.size() >= PART_SIZE;
        Exchange done = send(object, parts ? "?multiPartUpload=true&partSize=" + PART_SIZE : "", exchange -> {
            exchange.getIn().setBody(table.file().toFile());
            exchange.getIn().setHeader(AWS2S3Constants.KEY, object.key());
            exchange.getIn().setHeader(AWS2S3Constants.CONTENT_TYPE, "application/gzip");
            exchange.getIn().setHeader(AWS2S3Constants.CONTENT_LENGTH, table.size());
            if (!parts) {
                exchange.getIn().setHeader(AWS2S3Constants.CONTENT_MD5, Base64.getEncoder().encodeToString(table.md5()));
            }
        });
        if (done.getException() != null) {
            throw new ArchiveFailedException("upload to " + object + " failed: " + reason(done.getException()), done.getException());
        }
        return done.getMessage().getHeader(AWS2S3Constants.E_TAG, String.class);
    }

    /** Removes an object; false when that failed too (the caller only reports it). */
    boolean delete(S3Uri object) {
        try {
            Exchange done = send(object, "?operation=deleteObject",
                    exchange -> exchange.getIn().setHeader(AWS2S3Constants.KEY, object.key()));
            return done.getException() == null;
        } catch (ArchiveFailedException e) {
            return false;
        }
    }

    private Exchange send(S3Uri object, String options, org.apache.camel.Processor request) throws ArchiveFailedException {
        try {
            return template.send("aws2-s3://" + object.bucket() + options, request);
        } catch (RuntimeException e) {
            // the endpoint itself failed to start (it looks the bucket up first): unreachable, refused...
            throw new ArchiveFailedException("cannot reach " + object + ": " + reason(e), e);
        }
    }

    private static boolean notFound(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.statusCode() == 404) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: the SDK's own says what S3 answered (code, status, request id). */
    static String reason(Throwable error) {
        Throwable deepest = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : firstLine(deepest.getMessage());
    }

    /*
     * A server error's message goes on with its Where/Detail lines; what this archive's message
     * adds after it ("nothing was deleted", "the archive is kept") must stay on the line a
     * failed command prints.
     */
    static String firstLine(String message) {
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception ignored) {
            // closing a template never matters for the result
        }
        camel.stop();
        client.close();
    }
}
