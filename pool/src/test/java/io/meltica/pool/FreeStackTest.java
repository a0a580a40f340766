package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The pool's free list under contention: threads that pop and push the same few slots as fast as
 * they can (every pop racing pushes and pops of the slot below it, the ABA case) never hand one
 * slot to two holders at once, and lose or duplicate no slot. Probabilistic: with the version left
 * out of the top (so that ABA goes unseen) it failed in one run of two here, in a few seconds.
 */
class FreeStackTest {
  private static final int SLOTS = 4;
  private static final int THREADS = 4;
  private static final int ROUNDS = 3_000_000;

  @Test
  void shouldNeverHandOneSlotToTwoHoldersNorLoseOneUnderContention() throws Exception {
    FreeStack stack = new FreeStack(SLOTS);
    for (int slot = 0; slot < SLOTS; slot++) {
      stack.fill(Event.forPool(false, false, null, slot));
    }
    AtomicIntegerArray holders = new AtomicIntegerArray(SLOTS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> doubleHolds = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        doubleHolds.add(threads.submit(() -> popAndPush(stack, holders)));
      }
      for (Future<Integer> result : doubleHolds) {
        assertThat(result.get(60, TimeUnit.SECONDS)).as("slots held twice at once").isZero();
      }
    } finally {
      threads.shutdownNow();
    }

    List<Integer> left = new ArrayList<>();
    for (Event event = stack.take(); event != null; event = stack.take()) {
      left.add(event.poolSlot());
    }
    assertThat(left).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  /** Pops two, pushes them back in the other order; counts slots another holder had too. */
  private static int popAndPush(FreeStack stack, AtomicIntegerArray holders) {
    int doubleHolds = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Event first = stack.take();
      Event second = stack.take();
      doubleHolds += hold(first, holders) + hold(second, holders);
      release(second, holders, stack);
      release(first, holders, stack);
    }
    return doubleHolds;
  }

  private static int hold(Event event, AtomicIntegerArray holders) {
    return event == null || holders.compareAndSet(event.poolSlot(), 0, 1) ? 0 : 1;
  }

  private static void release(Event event, AtomicIntegerArray holders, FreeStack stack) {
    if (event != null) {
      holders.set(event.poolSlot(), 0);
      stack.give(event);
    }
  }
}
