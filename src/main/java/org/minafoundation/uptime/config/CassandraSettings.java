package org.minafoundation.uptime.config;

import java.util.Optional;

/** Cassandra or AWS Keyspaces, when submissions are stored there. */
public record CassandraSettings(
        Optional<String> host,
        int port,
        /** AWS_KEYSPACE: the keyspace of the submissions table, on Keyspaces or a Cassandra node alike. */
        Optional<String> keyspace,
        Optional<String> username,
        Secret password,
        Optional<String> datacenter) {

    /** With {@code runsBatches} and Cassandra storage, the keyspace and host must be set. */
    static CassandraSettings read(VariableReader env, SubmissionStorage storage, boolean runsBatches) {
        boolean connects = runsBatches && storage == SubmissionStorage.CASSANDRA;
        String why = "when SUBMISSION_STORAGE is CASSANDRA";
        Optional<String> keyspace = (connects ? Optional.of(env.required("AWS_KEYSPACE", why))
                : env.optional("AWS_KEYSPACE")).map(name -> {
                    // spliced into CQL as an identifier, so only a plain name is accepted
                    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
                        throw new SettingException("AWS_KEYSPACE", "'" + name + "' is not a keyspace name");
                    }
                    return name;
                });
        return new CassandraSettings(
                connects ? Optional.of(env.required("CASSANDRA_HOST", why)) : env.optional("CASSANDRA_HOST"),
                env.port("CASSANDRA_PORT", 9142, 1),
                keyspace,
                env.optional("CASSANDRA_USERNAME"),
                env.secret("CASSANDRA_PASSWORD"),
                env.optional("CASSANDRA_DC"));
    }

    /** The AWS region of a Keyspaces host: its second label (cassandra.us-west-2.amazonaws.com). */
    public Optional<String> region() {
        return host.map(h -> h.split("\\.")).filter(labels -> labels.length > 1).map(labels -> labels[1]);
    }

    /** CASSANDRA_DC, else the region for AWS hosts, else Cassandra's default datacenter1. */
    public String localDatacenter() {
        return datacenter.orElseGet(() -> host.filter(h -> h.endsWith(".amazonaws.com")).flatMap(h -> region())
                .orElse("datacenter1"));
    }
}
