package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

class SubscriptionTableTest extends ActorTestSupport {
  private final ActorRef<StrategyMessage> one = consumerProbe("one").ref();
  private final ActorRef<StrategyMessage> two = consumerProbe("two").ref();
  private final ActorRef<StrategyMessage> three = consumerProbe("three").ref();
  private final SubscriptionTable table = new SubscriptionTable(3);

  private static List<Integer> ids(SubscriptionTable.Recipient[] recipients) {
    return Arrays.stream(recipients).map(SubscriptionTable.Recipient::strategyId).toList();
  }

  /** 3 follows BTC, 1 follows everything, 2 follows ETH: added out of id order on purpose. */
  private void subscribeThreeConsumers() {
    table.add(new Subscribe(3, BTC, three));
    table.add(Subscribe.toAll(1, one));
    table.add(new Subscribe(2, ETH, two));
  }

  @Test
  void shouldHaveNobodyBeforeAnySubscription() {
    assertThat(table.recipientsOf(BTC)).isEmpty();
    assertThat(table.recipientsOf(0)).isEmpty();
    assertThat(table.everyone()).isEmpty();
    assertThat(table.only(1)).isEmpty();
  }

  @Test
  void shouldDeliverAnInstrumentToItsSubscribersAndToSubscribersOfAllInStrategyIdOrder() {
    subscribeThreeConsumers();

    assertThat(ids(table.recipientsOf(BTC))).containsExactly(1, 3);
    assertThat(ids(table.recipientsOf(ETH))).containsExactly(1, 2);
    assertThat(ids(table.recipientsOf(SOL))).containsExactly(1);
  }

  @Test
  void shouldListAConsumerOnceWhenItSubscribesTwiceOrAlsoToAll() {
    table.add(new Subscribe(1, BTC, one));
    table.add(new Subscribe(1, BTC, one));
    table.add(Subscribe.toAll(1, one));

    assertThat(ids(table.recipientsOf(BTC))).containsExactly(1);
    assertThat(ids(table.everyone())).containsExactly(1);
  }

  @Test
  void shouldSendInstrumentZeroToEveryConsumer() {
    subscribeThreeConsumers();

    assertThat(ids(table.recipientsOf(0))).containsExactly(1, 2, 3);
    assertThat(ids(table.everyone())).containsExactly(1, 2, 3);
  }

  @Test
  void shouldSendAnUnknownInstrumentToNobody() {
    subscribeThreeConsumers();

    assertThat(table.recipientsOf(99)).isEmpty();
  }

  @Test
  void shouldKnowAnInstrumentBeyondTheRegistryOnceSomebodyFollowsIt() {
    subscribeThreeConsumers();
    table.add(new Subscribe(2, 7, two));

    assertThat(ids(table.recipientsOf(7))).containsExactly(1, 2);
  }

  @Test
  void shouldCarryTheRefAndAnOwnerTagNamingTheConsumer() {
    subscribeThreeConsumers();

    SubscriptionTable.Recipient[] recipients = table.recipientsOf(BTC);

    assertThat(recipients[0].ref()).isEqualTo(one);
    assertThat(recipients[0].ownerTag()).isEqualTo("strategy 1");
    assertThat(recipients[1].ref()).isEqualTo(three);
    assertThat(recipients[1].ownerTag()).isEqualTo("strategy 3");
  }

  @Test
  void shouldFindOnlyTheTargetConsumer() {
    subscribeThreeConsumers();

    assertThat(ids(table.only(2))).containsExactly(2);
    assertThat(table.only(2)[0].ref()).isEqualTo(two);
    assertThat(table.only(4)).isEmpty();
    assertThat(table.only(99)).isEmpty();
    assertThat(table.only(0)).isEmpty();
    assertThat(table.only(-1)).isEmpty();
  }

  @Test
  void shouldTellWhetherASubscriptionIntroducesAConsumer() {
    assertThat(table.add(new Subscribe(1, BTC, one))).isTrue();
    assertThat(table.add(new Subscribe(1, ETH, one))).isFalse();
    assertThat(table.add(Subscribe.toAll(1, one))).isFalse();
    assertThat(table.add(new Subscribe(2, BTC, two))).isTrue();
  }

  @Test
  void shouldReplaceAStrategyIdSubscribedAgainWithAnotherRef() {
    table.add(new Subscribe(1, BTC, one));

    assertThat(table.add(new Subscribe(1, ETH, two))).isTrue();

    assertThat(table.recipientsOf(BTC)).as("the old ref's subscriptions are gone").isEmpty();
    assertThat(table.recipientsOf(ETH)[0].ref()).isEqualTo(two);
    assertThat(table.only(1)[0].ref()).isEqualTo(two);
  }

  @Test
  void shouldRemoveOneInstrumentButKeepTheConsumer() {
    subscribeThreeConsumers();
    table.add(new Subscribe(3, SOL, three));

    assertThat(table.remove(new Unsubscribe(3, BTC))).as("consumer not gone").isNull();

    assertThat(ids(table.recipientsOf(BTC))).containsExactly(1);
    assertThat(ids(table.recipientsOf(SOL))).containsExactly(1, 3);
    assertThat(ids(table.only(3))).containsExactly(3);
    assertThat(ids(table.everyone())).containsExactly(1, 2, 3);
  }

  @Test
  void shouldRemoveAConsumerEntirelyAndReturnItsRef() {
    subscribeThreeConsumers();

    assertThat(table.remove(Unsubscribe.fromAll(2))).isEqualTo(two);

    assertThat(ids(table.recipientsOf(ETH))).containsExactly(1);
    assertThat(table.only(2)).isEmpty();
    assertThat(ids(table.everyone())).containsExactly(1, 3);
    assertThat(table.remove(Unsubscribe.fromAll(2))).as("already gone").isNull();
    assertThat(table.remove(new Unsubscribe(9, BTC))).as("never there").isNull();
  }

  @Test
  void shouldRemoveTheConsumerWithARef() {
    subscribeThreeConsumers();

    assertThat(table.removeRef(one)).isEqualTo(1);

    assertThat(ids(table.recipientsOf(SOL))).isEmpty();
    assertThat(ids(table.recipientsOf(BTC))).containsExactly(3);
    assertThat(ids(table.everyone())).containsExactly(2, 3);
    assertThat(table.removeRef(one)).as("already gone").isZero();
    assertThat(table.removeRef(testKit.createTestProbe().ref())).isZero();
  }
}
