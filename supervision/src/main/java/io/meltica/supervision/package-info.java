/**
 * How Meltica recovers from failures and keeps every envelope accounted for. {@link
 * SupervisedStrategy} wraps a strategy in the MDC ({@link StrategyMdc}), supervision per {@link
 * SupervisionSettings}, and {@link RecycleAfterHandle}, which returns each event's envelope to the
 * pool whatever the handler did ({@link DeliveryOutcome}). {@link EnvelopeCustody} does the same
 * for the orchestrator and the router. {@link FailureAggregator} collects failures into {@link
 * FailureStats}. {@link DeadLetterRecycler} takes envelopes back from dead letters ({@link
 * DeadLetterContents}). {@link FatalErrors} decides which throwables escalate, and {@link
 * HandlerError} carries a handler's {@link Error} as an exception.
 *
 * <h2>Threading</h2>
 *
 * {@link FailureAggregator} and {@link DeadLetterRecycler} are actors. {@link RecycleAfterHandle},
 * {@link DeliveryOutcome} and {@link EnvelopeCustody} are confined to the one actor they belong to
 * and used only while it handles a message; Pekko's ordering of that actor's messages is their only
 * synchronisation. {@link StrategyMdc} uses the thread-local MDC, which is enough because a message
 * is handled on one thread. Strategies report failures with a fire-and-forget tell. {@link
 * FailureStats} is written by the aggregator and readable from any thread. {@link
 * DeadLetterContents} and {@link FatalErrors} are stateless.
 */
package io.meltica.supervision;
