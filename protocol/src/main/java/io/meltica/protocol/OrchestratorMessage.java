package io.meltica.protocol;

/**
 * What the orchestrator accepts: pooled {@link Event}s from the data bus and {@link FlipRouting}.
 * The orchestrator adds its private messages by extending this interface.
 */
public interface OrchestratorMessage {}
