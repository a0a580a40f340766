package io.meltica.bench.fanout;

import io.meltica.bench.Labelled;
import java.util.List;

/** The fan-out implementations compared, by the label the results use. */
public enum FanOutImpl implements Labelled {
  /** Meltica's pipeline: pooled envelopes, N-1 copies plus the original. */
  MELTICA("meltica"),
  /** What a user writes without Meltica: a router actor and a fresh record per subscriber. */
  PEKKO_PLAIN("pekko-plain"),
  /** LMAX Disruptor 4 multicast: one ring, one handler thread per subscriber. */
  DISRUPTOR("disruptor"),
  /** The floor: the publisher tells one preallocated message to each subscriber actor. */
  PEKKO_BARE_TELL("pekko-bare-tell");

  private final String label;

  FanOutImpl(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /**
   * Starts this implementation with one subscriber per tally.
   *
   * @param melticaSettings HOCON over the Meltica pipeline's settings; ignored by the others
   */
  public FanOutTarget start(List<DeliveryTally> tallies, String melticaSettings) {
    return switch (this) {
      case MELTICA -> new MelticaFanOut(tallies, melticaSettings);
      case PEKKO_PLAIN -> new PlainPekkoFanOut(tallies);
      case DISRUPTOR -> new DisruptorFanOut(tallies);
      case PEKKO_BARE_TELL -> new BareTellFanOut(tallies);
    };
  }

  /**
   * The implementation labelled {@code label}.
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static FanOutImpl ofLabel(String label) {
    return Labelled.find(values(), label, "fan-out implementation");
  }
}
