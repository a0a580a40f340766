package io.meltica.protocol;

/**
 * What the router accepts: stamped {@link Event}s to fan out, {@link Subscribe} and {@link
 * Unsubscribe}. The router adds its private messages by extending this interface.
 */
public interface RouterMessage {}
