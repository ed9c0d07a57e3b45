package org.minafoundation.uptime.archive;

import java.nio.file.Path;

/** One table's deleted rows, written as gzipped CSV to {@code file}: its size and MD5 for the upload check. */
record ExportedTable(String table, long rows, Path file, long size, byte[] md5) {

    String objectName() {
        return objectName(table);
    }

    /** The archive object of a table: {@code <table>.csv.gz}. */
    static String objectName(String table) {
        return table + ".csv.gz";
    }
}
