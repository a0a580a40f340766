package io.meltica.cluster;

/**
 * Marks the records that cross nodes besides events (acks, critical deliveries, version
 * announcements). reference.conf binds it to Pekko's jackson-cbor serializer; events have a
 * serializer of their own (see the wire package).
 */
public interface ClusterMessage {}
