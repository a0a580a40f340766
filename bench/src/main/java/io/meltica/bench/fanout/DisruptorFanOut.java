package io.meltica.bench.fanout;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * LMAX Disruptor 4 multicast: one preallocated ring of mutable slots, one single-producer cursor,
 * and one handler thread per subscriber that reads every slot.
 *
 * <p>Wait strategy: {@link BlockingWaitStrategy} (lock and condition). The Disruptor's fastest
 * strategy busy-spins one core per handler; on a two-core machine with up to 50 handlers that
 * starves the publisher and measures the scheduler, not the Disruptor. Blocking is also what
 * Meltica's and Pekko's idle threads do.
 *
 * <p>{@link #publish} is called by one thread (the single producer); {@link #close} halts the
 * handlers and joins their threads.
 */
final class DisruptorFanOut implements FanOutTarget {
  private static final int RING_SIZE = 1 << 16;

  /** One ring slot, written by the producer before it publishes the slot's sequence. */
  static final class Slot {
    long value;
  }

  private final Disruptor<Slot> disruptor;
  private final RingBuffer<Slot> ring;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  @SuppressWarnings("unchecked")
  DisruptorFanOut(List<DeliveryTally> tallies) {
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "disruptor-handler-" + threads.size());
          thread.setDaemon(true);
          threads.add(thread);
          return thread;
        };
    disruptor =
        new Disruptor<>(
            Slot::new, RING_SIZE, factory, ProducerType.SINGLE, new BlockingWaitStrategy());
    EventHandler<Slot>[] handlers = new EventHandler[tallies.size()];
    for (int i = 0; i < handlers.length; i++) {
      DeliveryTally tally = tallies.get(i);
      handlers[i] = (slot, sequence, endOfBatch) -> tally.onDelivery(slot.value);
    }
    disruptor.handleEventsWith(handlers);
    ring = disruptor.start();
  }

  @Override
  public void publish(long value) {
    long sequence = ring.next();
    ring.get(sequence).value = value;
    ring.publish(sequence);
  }

  @Override
  public void close() {
    try {
      disruptor.shutdown(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      disruptor.halt();
    }
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
