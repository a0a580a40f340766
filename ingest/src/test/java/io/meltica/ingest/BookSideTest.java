package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One side of a local book: order, removal, and what happens when it is full. */
class BookSideTest {

  private static long[] prices(BookSide side) {
    long[] prices = new long[side.count()];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = side.priceAt(i);
    }
    return prices;
  }

  @Test
  void shouldKeepBidsHighestFirstAndAsksLowestFirst() {
    BookSide bids = new BookSide(true, 8);
    BookSide asks = new BookSide(false, 8);
    for (long price : new long[] {5, 9, 1, 7}) {
      bids.set(price, price * 10);
      asks.set(price, price * 10);
    }

    assertThat(prices(bids)).containsExactly(9, 7, 5, 1);
    assertThat(prices(asks)).containsExactly(1, 5, 7, 9);
    assertThat(bids.bestPrice()).isEqualTo(9);
    assertThat(bids.bestSize()).isEqualTo(90);
    assertThat(asks.bestSize()).isEqualTo(10);
  }

  @Test
  void shouldReplaceASizeAndRemoveALevelAtSizeZero() {
    BookSide bids = new BookSide(true, 8);
    bids.set(5, 1);
    bids.set(7, 1);
    bids.set(5, 3);
    bids.set(7, 0);
    bids.set(6, 0); // not held: nothing happens

    assertThat(prices(bids)).containsExactly(5);
    assertThat(bids.bestSize()).isEqualTo(3);
    bids.set(5, 0);
    assertThat(bids.count()).isZero();
    assertThat(bids.bestPrice()).isZero();
    assertThat(bids.bestSize()).isZero();
  }

  @Test
  void shouldKeepTheBestLevelsWhenFull() {
    BookSide asks = new BookSide(false, 3);
    asks.set(10, 1);
    asks.set(20, 1);
    asks.set(30, 1);

    asks.set(40, 1); // worse than all three: not tracked
    assertThat(prices(asks)).containsExactly(10, 20, 30);
    asks.set(15, 1); // better than the worst: the worst goes
    assertThat(prices(asks)).containsExactly(10, 15, 20);
    asks.set(5, 1);
    assertThat(prices(asks)).containsExactly(5, 10, 15);
  }
}
