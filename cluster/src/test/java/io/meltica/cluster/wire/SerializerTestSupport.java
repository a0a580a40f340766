package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * One {@link WireTestNode} per test class, and a sender pool; after every test neither the sender's
 * pool nor the node's wire pool has an envelope in use.
 */
abstract class SerializerTestSupport {
  static WireTestNode node;

  final EventPool senderPool = new EventPool(PoolConfig.ofCapacity(8));

  @BeforeAll
  static void startSystem() {
    node = WireTestNode.start("serializer-test");
  }

  @AfterAll
  static void stopSystem() {
    node.shutDown();
  }

  @AfterEach
  void shouldLeaveNoEnvelopeInUse() {
    assertThat(senderPool.inUse()).as("sender pool in use").isZero();
    assertThat(node.wirePool().inUse()).as("wire pool in use").isZero();
  }
}
