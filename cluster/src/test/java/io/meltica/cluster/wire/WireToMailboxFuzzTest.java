package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.actors.StrategySpec;
import io.meltica.actors.mailbox.MailboxDrops;
import io.meltica.actors.mailbox.StrategyMailboxes;
import io.meltica.cluster.ClusterStrategy;
import io.meltica.cluster.WirePool;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.StrategyMessage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pekko.actor.typed.ActorRef;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

/**
 * Hostile bytes as a peer would send them, through the real {@link EventSerializer} and then, for
 * what it accepts, into a real strategy actor on its real mailbox (the props and behaviour a node's
 * pipeline gives its sharded strategies): single events ({@code E1}) and router batches ({@code
 * B1}), valid, mutated and arbitrary.
 *
 * <p>The test thread plays Artery's inbound lane: it decodes and then tells the strategy, so the
 * mailbox's enqueue (policy, conflation table, ring) runs on it too. Checked:
 *
 * <ul>
 *   <li>a refusal takes no envelope (the wire pool's acquisitions do not move);
 *   <li>bytes allocated on that thread per message stay under {@link #ALLOCATION_BOUND} (a
 *       conflation table sized from a hostile instrument id would take gigabytes; the one sized
 *       from this registry takes (5 + 1) &times; (4 + 1) &times; 3 longs, 720 bytes);
 *   <li>after each property every envelope is back (pool in use returns to zero), with no refused
 *       release; at the end the leak check of the node and its pool passes.
 * </ul>
 *
 * The registry (5 instruments, 4 venues) differs from reference.conf's (3 and 3): the serializer
 * must check against the one the node's pipeline registered with {@link WirePool#use}.
 */
class WireToMailboxFuzzTest {
  private static final Config CONFIG =
      ConfigFactory.parseString(
              """
              meltica.instruments = ["I1", "I2", "I3", "I4", "I5"]
              meltica.venues = ["v1", "v2", "v3", "v4"]
              meltica.pool.capacity = 4096
              meltica.orchestrator.merge.enabled = off
              meltica.router.partitions = 1
              """)
          .withFallback(ConfigFactory.load());

  private static final IdRegistry IDS = WireFixtures.registryOf(CONFIG);

  /**
   * Most bytes one decode and delivery may allocate on the delivering thread, once warm (the first
   * delivery loads classes). Warm, one takes under 2 KB; the margin is for the mailbox's ring
   * doubling if the strategy falls behind (2,048 entries: 24 KB).
   */
  private static final long ALLOCATION_BOUND = 64 * 1024;

  private static final List<Integer> ID_OFFSETS =
      List.of(
          EventWireFormat.OFFSET_VENUE,
          EventWireFormat.OFFSET_INSTRUMENT,
          EventWireFormat.OFFSET_TARGET_STRATEGY,
          EventWireFormat.offsetOfLegVenue(0),
          EventWireFormat.offsetOfLegVenue(1));

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static LeakCheck leaks;
  private static WireTestNode node;
  private static MelticaPipeline pipeline;
  private static ActorRef<StrategyMessage> strategy;
  private static final AtomicLong handled = new AtomicLong();
  private static final LongAccumulator mostAllocated = new LongAccumulator(Math::max, 0);

  @BeforeContainer
  static void startNodeAndStrategy() {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    leaks = LeakCheck.create().withTimeout(Duration.ofSeconds(30));
    node = WireTestNode.start("WireToMailboxFuzzTest", CONFIG);
    pipeline = MelticaPipeline.start(node.kit.system(), MelticaSettings.fromConfig(CONFIG), "fuzz");
    WirePool.get(node.kit.system()).use(pipeline.pool(), pipeline.ids()); // as a cluster node does
    StrategySpec spec =
        StrategySpec.of(
            "fuzzed",
            () ->
                (event, context) -> {
                  event.kind(); // reads it, as a handler would
                  handled.incrementAndGet();
                });
    strategy =
        node.kit.spawn(
            pipeline.strategyBehavior(ClusterStrategy.FIRST_ID, spec),
            "fuzzed",
            pipeline.strategyProps("fuzzed"));
    warmUp();
  }

  /** One event, one batch and one refusal through the whole path, before anything is measured. */
  private static void warmUp() {
    byte[] quote =
        WireFixtures.encode(WireFixtures.fill(Event.standalone(), EventKind.QUOTE, 0, 0, IDS));
    try {
      strategy.tell((Event) node.serializer.fromBinary(quote, EventSerializer.EVENT_MANIFEST));
      strategy.tell(
          (EventBatch)
              node.serializer.fromBinary(
                  batchOf(List.of(quote, quote)), EventSerializer.BATCH_MANIFEST));
      node.serializer.fromBinary(Arrays.copyOf(quote, 3), EventSerializer.EVENT_MANIFEST);
    } catch (java.io.NotSerializableException refused) {
      // the truncated one: expected
    }
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pipeline.pool().inUse() == 0);
  }

  @AfterContainer
  static void stopAndCheckForLeaks() {
    LoggerFactory.getLogger(WireToMailboxFuzzTest.class)
        .info("most bytes allocated by one decode and delivery: {}", mostAllocated.get());
    assertThat(handled.get()).as("events reached the strategy's handler").isPositive();
    assertThat(pipeline.stop().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(30));
    leaks.watch(node.kit.system());
    leaks.watch(pipeline.pool());
    assertThat(leaks.check()).as("leak check of the node").isEmpty();
  }

  @AfterProperty
  void everyEnvelopeIsBack() {
    EventPool pool = pipeline.pool();
    Awaitility.await("the strategy handled or dropped every delivered envelope")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(pool.inUse()).isZero());
    assertThat(pool.refusedReleaseCount()).isZero();
    assertThat(pool.unaccountedCount()).isZero();
  }

  @Property(tries = 1500)
  void shouldDeliverOrRefuseEveryEvent(@ForAll("hostileEvents") byte[] bytes) throws Exception {
    deliverOrRefuse(bytes, EventSerializer.EVENT_MANIFEST);
  }

  @Property(tries = 500)
  void shouldDeliverOrRefuseEveryBatch(@ForAll("hostileBatches") byte[] bytes) throws Exception {
    deliverOrRefuse(bytes, EventSerializer.BATCH_MANIFEST);
  }

  @Example
  void shouldCheckIdsAgainstThePipelinesRegistryNotTheDefault() throws Exception {
    Event quote = WireFixtures.fill(Event.standalone(), EventKind.QUOTE, 0, 1, IDS);
    byte[] fifth = WireFixtures.encode(quote.setInstrumentId(5).setVenueId(4));
    byte[] sixth = WireFixtures.withInt(fifth, EventWireFormat.OFFSET_INSTRUMENT, 6);
    long acquired = pipeline.pool().acquiredCount();

    assertThatThrownBy(() -> node.serializer.fromBinary(sixth, EventSerializer.EVENT_MANIFEST))
        .hasMessage("byte 22: instrument id 6 is outside the registry (0..5)");
    assertThat(pipeline.pool().acquiredCount()).isEqualTo(acquired);
    Object accepted = node.serializer.fromBinary(fifth, EventSerializer.EVENT_MANIFEST);
    assertThat(pipeline.pool().owns((Event) accepted)).isTrue();
    strategy.tell((Event) accepted);
  }

  @Example
  void shouldConflateQuotesFromTheWireInTheRegistrysSlots() throws Exception {
    MailboxDrops drops = StrategyMailboxes.get(node.kit.system()).dropsOf(strategy);
    long conflated = drops.conflated();
    Event quote = WireFixtures.fill(Event.standalone(), EventKind.QUOTE, 0, 2, IDS);
    byte[] one = WireFixtures.encode(quote.setInstrumentId(5).setVenueId(4).setRoutingVersion(1));
    // the same instrument, kind and venue twice in one batch: the second replaces the first
    byte[] batch = batchOf(List.of(one, one));

    strategy.tell((EventBatch) node.serializer.fromBinary(batch, EventSerializer.BATCH_MANIFEST));

    assertThat(drops.conflated()).isEqualTo(conflated + 1);
  }

  /**
   * Decodes on this thread and tells the strategy what was accepted, measuring what this thread
   * allocated for both (not for the checks in between).
   */
  private static void deliverOrRefuse(byte[] bytes, String manifest) throws Exception {
    EventPool pool = pipeline.pool();
    long acquired = pool.acquiredCount();
    long start = THREADS.getCurrentThreadAllocatedBytes();
    Object decoded;
    try {
      decoded = node.serializer.fromBinary(bytes, manifest);
    } catch (MalformedEventException refused) {
      Statistics.collect(refused.reason());
      assertThat(pool.acquiredCount()).as("a refusal takes no envelope").isEqualTo(acquired);
      return;
    }
    long decoding = THREADS.getCurrentThreadAllocatedBytes() - start;
    StrategyMessage message = (StrategyMessage) decoded;
    assertIdsInRegistry(message);
    start = THREADS.getCurrentThreadAllocatedBytes();
    strategy.tell(message);
    long allocated = decoding + THREADS.getCurrentThreadAllocatedBytes() - start;
    Statistics.collect("delivered");
    mostAllocated.accumulate(allocated);
    assertThat(allocated)
        .as("bytes allocated decoding and enqueueing one message")
        .isLessThan(ALLOCATION_BOUND);
  }

  private static void assertIdsInRegistry(StrategyMessage message) {
    if (message instanceof EventBatch batch) {
      for (int i = 0; i < batch.size(); i++) {
        assertIdsInRegistry(batch.event(i));
      }
    } else {
      assertIdsInRegistry((Event) message);
    }
  }

  private static void assertIdsInRegistry(Event event) {
    assertThat(event.instrumentId()).isBetween(0, IDS.instrumentCount());
    assertThat(event.venueId()).isBetween(0, IDS.venueCount());
    assertThat(event.targetStrategyId()).isNotNegative();
    for (int leg = 0; leg < event.legCount(); leg++) {
      assertThat(event.legVenueId(leg)).isBetween(1, IDS.venueCount());
    }
  }

  // --- generators ---

  /** Valid encodings in the registry, at routing versions 0..2 (every one passes the gate). */
  @Provide
  Arbitrary<byte[]> validEvents() {
    return Combinators.combine(
            Arbitraries.of(EventKind.class),
            Arbitraries.integers().between(0, Event.MAX_LEGS),
            Arbitraries.longs())
        .as(
            (kind, legs, seed) ->
                WireFixtures.encode(
                    WireFixtures.fill(Event.standalone(), kind, legs, seed, IDS)
                        .setRoutingVersion(Math.floorMod(seed, 3))));
  }

  @Provide
  Arbitrary<byte[]> hostileEvents() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, validEvents()),
        Tuple.of(4, validEvents().flatMap(this::idOverwritten)),
        Tuple.of(3, validEvents().flatMap(this::bytesOverwritten)),
        Tuple.of(1, validEvents().flatMap(this::truncated)),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(500)),
        Tuple.of(
            1,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(EventWireFormat.FIXED_SIZE)
                .ofMaxSize(EventWireFormat.MAX_SIZE)
                .map(bytes -> WireFixtures.with(bytes, 0, EventWireFormat.VERSION_1))));
  }

  @Provide
  Arbitrary<byte[]> hostileBatches() {
    Arbitrary<byte[]> framed =
        hostileEvents().list().ofMinSize(1).ofMaxSize(8).map(WireToMailboxFuzzTest::batchOf);
    return Arbitraries.frequencyOf(
        Tuple.of(5, framed),
        Tuple.of(1, framed.flatMap(this::truncated)),
        Tuple.of(1, framed.flatMap(this::bytesOverwritten)));
  }

  /** One id field overwritten with any int, small ones (in range or just past it) often. */
  private Arbitrary<byte[]> idOverwritten(byte[] valid) {
    Arbitrary<Integer> id =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.integers().between(-1, 8)),
            Tuple.of(1, Arbitraries.integers()),
            Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24, 70_000)));
    Arbitrary<Integer> offset =
        Arbitraries.of(ID_OFFSETS).filter(at -> at + Integer.BYTES <= valid.length);
    return Combinators.combine(offset, id)
        .as((at, value) -> WireFixtures.withInt(valid, at, value));
  }

  /** Up to four bytes anywhere replaced by any value. */
  private Arbitrary<byte[]> bytesOverwritten(byte[] valid) {
    return WireFixtures.overwritten(valid, Arbitraries.integers().between(0, valid.length - 1));
  }

  private Arbitrary<byte[]> truncated(byte[] valid) {
    return Arbitraries.integers().between(0, valid.length - 1).map(n -> Arrays.copyOf(valid, n));
  }

  /** The batch layout: a count, then each encoding behind its length. */
  private static byte[] batchOf(List<byte[]> events) {
    int size = 2 + events.stream().mapToInt(e -> 2 + e.length).sum();
    ByteBuffer buf = ByteBuffer.allocate(size).putShort((short) events.size());
    events.forEach(e -> buf.putShort((short) e.length).put(e));
    return buf.array();
  }
}
