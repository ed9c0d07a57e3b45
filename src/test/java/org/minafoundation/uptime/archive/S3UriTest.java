package org.minafoundation.uptime.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void parsesBucketAndPrefix() {
        assertEquals(new S3Uri("my.bucket-1", "a/b"), S3Uri.parse("s3://my.bucket-1/a/b/"));
        assertEquals(new S3Uri("bkt", ""), S3Uri.parse("s3://bkt"));
        assertEquals(new S3Uri("bkt", ""), S3Uri.parse("s3://bkt/"));
        assertEquals("s3://bkt/a/b/x.csv.gz", S3Uri.parse("s3://bkt/a/b/").resolve("x.csv.gz").toString());
        assertEquals("s3://bkt/x.csv.gz", S3Uri.parse("s3://bkt").resolve("/x.csv.gz").toString());
    }

    @Test
    void refusesWhatIsNotAnS3Address() {
        for (String bad : new String[] {"bkt/x", "https://bkt/x", "s3://", "s3://B/x", "s3://Upper/x", "s3://a_b/x", null}) {
            assertThrows(IllegalArgumentException.class, () -> S3Uri.parse(bad), String.valueOf(bad));
        }
    }
}
