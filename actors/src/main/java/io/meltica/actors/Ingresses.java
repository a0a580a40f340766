package io.meltica.actors;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.OrchestratorMessage;
import io.meltica.protocol.RouterMessage;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pipeline's ways in for {@link MelticaPipeline#publish}: the orchestrator's {@link Ingress} for
 * the quotes it merges, and one per router for every other event, which its router stamps and
 * routes with no hop through the orchestrator. Made before the actors; the pipeline's guardian
 * attaches each to its actor as it spawns it.
 *
 * <p>Thread-safe: {@link #offer} from any publisher; markers (flips, adopted versions) go into
 * every ingress under one lock, so that every queue holds them in the same order and every router
 * reaches the same version.
 */
final class Ingresses {
  private final Ingress<OrchestratorMessage> orchestrator = new Ingress<>();
  private final List<Ingress<RouterMessage>> routers;
  private final boolean[] mergedVenue;

  /**
   * @param mergedVenues venue ids whose quotes the orchestrator merges; empty when merging is off
   */
  Ingresses(int routerCount, List<Integer> mergedVenues) {
    this.routers = Stream.generate(Ingress<RouterMessage>::new).limit(routerCount).toList();
    int highest = mergedVenues.stream().mapToInt(Integer::intValue).max().orElse(0);
    this.mergedVenue = new boolean[highest + 1];
    mergedVenues.forEach(venue -> mergedVenue[venue] = true);
  }

  Ingress<OrchestratorMessage> orchestrator() {
    return orchestrator;
  }

  Ingress<RouterMessage> router(int partition) {
    return routers.get(partition);
  }

  /** The routers' ingresses, in partition order. */
  List<Ingress<RouterMessage>> routers() {
    return routers;
  }

  /** Publisher: a quote to merge to the orchestrator, anything else to its instrument's router. */
  void offer(Event event) {
    int venue = event.venueId();
    if (event.kind() == EventKind.QUOTE
        && venue > 0
        && venue < mergedVenue.length
        && mergedVenue[venue]) {
      orchestrator.offer(event);
    } else {
      routers.get(RouterPartitions.partitionOf(event.instrumentId(), routers.size())).offer(event);
    }
  }

  /** Puts a marker into every ingress, after what every publisher put in before. */
  synchronized void offerMarkers(OrchestratorMessage toOrchestrator, RouterMessage toRouters) {
    orchestrator.offer(toOrchestrator);
    routers.forEach(router -> router.offer(toRouters));
  }
}
