package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.Recycler;
import io.meltica.protocol.IdRegistry;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.SupervisionSettings;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the pipeline's actors share: the pool and its recycler, the id registry, fan-out statistics,
 * the failure aggregator and the supervision settings. All of it is thread-safe.
 */
record PipelineServices(
    Recycler recycler,
    IdRegistry ids,
    FanOutStats fanOut,
    ActorRef<FailureAggregator.Command> failures,
    SupervisionSettings supervision) {

  EventPool pool() {
    return recycler.pool();
  }
}
