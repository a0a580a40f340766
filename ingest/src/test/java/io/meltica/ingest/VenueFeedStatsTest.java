package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VenueFeedStatsTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void shouldCountOneStalePeriodPerBookHoweverManyGapsItHasBeforeTheResync() {
    VenueFeedStats stats = new VenueFeedStats("binance");
    StalePeriod btc = new StalePeriod(stats);
    StalePeriod eth = new StalePeriod(stats);

    btc.begin();
    btc.begin();
    eth.begin();
    assertThat(stats.booksStale()).isEqualTo(2);

    btc.end();
    btc.end();
    assertThat(stats.booksStale()).isEqualTo(1);
    long afterBtc = stats.staleNanos();
    assertThat(afterBtc).isPositive();

    eth.end();
    assertThat(stats.booksStale()).isZero();
    assertThat(stats.staleNanos()).isGreaterThan(afterBtc);
    assertThat(stats.summary().staleMs())
        .isEqualTo(TimeUnit.NANOSECONDS.toMillis(stats.staleNanos()));
  }

  @Test
  void shouldMeasureLagOnlyForALiveFeed() {
    VenueFeedStats recorded = new VenueFeedStats("okx");
    VenueFeedStats live = VenueFeedStats.live("okx");
    assertThat(recorded.measuresLag()).isFalse();
    assertThat(live.measuresLag()).isTrue();

    long now = 1_700_000_000L * SECOND;
    live.recordLag(now, now - TimeUnit.MILLISECONDS.toNanos(3));
    live.recordLag(now, now - TimeUnit.MILLISECONDS.toNanos(5));
    live.recordLag(now, now + SECOND); // the venue's clock ahead of ours: no negative lag

    VenueFeedStats.Lag lag = live.lag();
    assertThat(lag.count()).isEqualTo(3);
    assertThat(lag.p50Us()).isBetween(2_990.0, 3_010.0);
    assertThat(lag.maxUs()).isBetween(4_990.0, 5_010.0);
    assertThat(recorded.lag()).isEqualTo(VenueFeedStats.Lag.NONE);
    assertThat(live.summaryLine()).contains("lag p50 3").doesNotContain("still stale");
    assertThat(recorded.summaryLine()).doesNotContain("lag");
  }

  @Test
  void shouldMeasureTheLagOfEachLiveEventThatCarriesTheVenuesTime() {
    VenueFeedStats live = VenueFeedStats.live("okx");
    OkxFeed feed =
        new OkxFeed(
            "okx-live",
            new OkxDecoder(
                VenueSymbols.fromConfig(
                    com.typesafe.config.ConfigFactory.load(), "okx", StreamTestSupport.IDS)),
            StreamTestSupport.IDS,
            64,
            new IngestStats(),
            live);
    long tradeMillis = System.currentTimeMillis() - 2_000;
    String trade =
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\","
            + "\"tradeId\":\"130639474\",\"px\":\"42219.9\",\"sz\":\"0.12060306\",\"side\":\"buy\","
            + "\"ts\":\""
            + tradeMillis
            + "\"}]}";

    feed.onFrame(new LineFramer.Line(1, org.apache.pekko.util.ByteString.fromString(trade)));

    assertThat(live.lag().count()).isEqualTo(1);
    assertThat(live.lag().p50Us())
        .as("two seconds and then some")
        .isGreaterThanOrEqualTo(1_990_000);
  }
}
