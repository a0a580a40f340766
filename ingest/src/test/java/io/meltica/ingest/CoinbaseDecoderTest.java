package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.ingest.CoinbaseMessage.L2Update;
import io.meltica.ingest.CoinbaseMessage.Match;
import io.meltica.ingest.CoinbaseMessage.Snapshot;
import io.meltica.ingest.CoinbaseMessage.Ticker;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Coinbase decoder alone, on the messages of Coinbase Exchange's WebSocket docs (product ids
 * changed to mapped ones). JSON in the cases uses ' for " to stay readable.
 */
class CoinbaseDecoderTest {
  private static final long LINE = 9;
  private static final VenueSymbols SYMBOLS =
      VenueSymbols.of(
          "coinbase",
          Map.of("BTC-USDT", "BTC-USDT", "ETH-USDT", "ETH-USDT"),
          StreamTestSupport.IDS);
  private static final String MATCH =
      "{'type':'match','trade_id':10,'sequence':50,'time':'2014-11-07T08:19:27.028459Z',"
          + "'product_id':'BTC-USDT',";

  private final CoinbaseDecoder decoder = new CoinbaseDecoder(SYMBOLS);

  private CoinbaseMessage decoded(String singleQuotedJson) throws LineRejected {
    return decoder.decode(
        LINE, singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static long amount(String decimal) {
    return FixedPoint.parse(decimal);
  }

  @Test
  void shouldDecodeAMatchFromTheDocsTakingTheMakersSideAsTheOtherSide() throws LineRejected {
    Match match =
        (Match)
            decoded(
                MATCH
                    + "'maker_order_id':'ac928c66-ca53-498f-9c13-a110027a60e8',"
                    + "'taker_order_id':'132fb6ae-456b-4654-b4e0-d681ac05cea1',"
                    + "'size':'5.23512','price':'400.23','side':'sell'}");

    assertThat(match)
        .isEqualTo(
            new Match(
                LINE,
                StreamTestSupport.BTC,
                10,
                50,
                amount("400.23"),
                amount("5.23512"),
                1_415_348_367_028_459_000L,
                Side.BUY));
  }

  @Test
  void shouldTakeTheSellerAsAggressorWhenTheMakerBought() throws LineRejected {
    Match match =
        (Match)
            decoded(
                "{'type':'last_match','trade_id':1,'sequence':2,'time':'2026-06-01T00:00:00Z',"
                    + "'product_id':'ETH-USDT','size':'1','price':'2','side':'buy'}");

    assertThat(match.aggressor()).isEqualTo(Side.SELL);
    assertThat(match.instrumentId()).isEqualTo(StreamTestSupport.ETH);
    assertThat(match.timeNanos()).isEqualTo(1_780_272_000_000_000_000L);
  }

  @Test
  void shouldDecodeATickerFromTheDocsAsItsBestBidAndAsk() throws LineRejected {
    Ticker ticker =
        (Ticker)
            decoded(
                "{'type':'ticker','sequence':37475248783,'product_id':'ETH-USDT',"
                    + "'price':'1285.22','open_24h':'1310.79','volume_24h':'245532.79269678',"
                    + "'low_24h':'1280.52','high_24h':'1313.8','volume_30d':'9788783.60117027',"
                    + "'best_bid':'1285.04','best_bid_size':'0.46688654','best_ask':'1285.27',"
                    + "'best_ask_size':'1.56637040','side':'buy',"
                    + "'time':'2022-10-19T23:28:22.061769Z','trade_id':370843401,"
                    + "'last_size':'11.4396987'}");

    assertThat(ticker)
        .isEqualTo(
            new Ticker(
                LINE,
                StreamTestSupport.ETH,
                37_475_248_783L,
                1_666_222_102_061_769_000L,
                amount("1285.04"),
                amount("0.46688654"),
                amount("1285.27"),
                amount("1.56637040")));
  }

  @Test
  void shouldDecodeALevel2SnapshotAndUpdateFromTheDocs() throws LineRejected {
    Snapshot snapshot =
        (Snapshot)
            decoded(
                "{'type':'snapshot','product_id':'BTC-USDT','bids':[['10101.10','0.45054140']],"
                    + "'asks':[['10102.55','0.57753524']]}");
    L2Update update =
        (L2Update)
            decoded(
                "{'type':'l2update','product_id':'BTC-USDT','changes':[['buy','10101.80000000',"
                    + "'0.162567'],['sell','10102.55','0']],'time':'2019-08-14T20:42:27.265Z'}");

    assertThat(snapshot.bids().prices()).containsExactly(amount("10101.10"));
    assertThat(snapshot.asks().sizes()).containsExactly(amount("0.57753524"));
    assertThat(update.sides()).containsExactly(Side.BUY, Side.SELL);
    assertThat(update.prices()).containsExactly(amount("10101.8"), amount("10102.55"));
    assertThat(update.sizes()).containsExactly(amount("0.162567"), 0L);
    assertThat(update.timeNanos()).isEqualTo(1_565_815_347_265_000_000L);
  }

  @Test
  void shouldDecodeAHeartbeatFromTheDocsWithItsLastTradeId() throws LineRejected {
    assertThat(
            decoded(
                "{'type':'heartbeat','sequence':90,'last_trade_id':20,'product_id':'BTC-USDT',"
                    + "'time':'2014-11-07T08:19:28.464459Z'}"))
        .isEqualTo(
            new CoinbaseMessage.Heartbeat(
                LINE, StreamTestSupport.BTC, 90, 20, 1_415_348_368_464_459_000L));
  }

  @Test
  void shouldAcceptTheSubscriptionsAnswer() throws LineRejected {
    assertThat(decoded("{'type':'subscriptions','channels':[]}"))
        .isEqualTo(new CoinbaseMessage.Subscriptions(LINE));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UNKNOWN_KIND|{'type':'received'}|'type' must be match, last_match, ticker, heartbeat,"
            + " snapshot, l2update or subscriptions, got \"received\"",
        "MISSING_FIELD|{'product_id':'BTC-USDT'}|'type' is required",
        "UNKNOWN_INSTRUMENT|{'type':'snapshot','product_id':'BTC-USD','bids':[],'asks':[]}"
            + "|'product_id' \"BTC-USD\" is not mapped in meltica.venue-symbols.coinbase",
        "BAD_VALUE|"
            + "{'type':'match','trade_id':1,'sequence':2,'time':'2026-06-01T00:00:00Z',"
            + "'product_id':'BTC-USDT','size':'1','price':'2','side':'up'}"
            + "|'side' must be buy or sell, got \"up\"",
        "BAD_NUMBER|"
            + "{'type':'match','trade_id':1,'sequence':2,'time':'2026-06-01T00:00:00Z',"
            + "'product_id':'BTC-USDT','size':'1','price':'0.123456789','side':'buy'}"
            + "|'price' has more than 8 decimals, got 0.123456789",
        "BAD_NUMBER|"
            + "{'type':'match','trade_id':1,'sequence':2,'time':'2026-06-01T00:00:00Z',"
            + "'product_id':'BTC-USDT','size':'0','price':'1','side':'buy'}"
            + "|'size' must be positive, got 0",
        "MISSING_FIELD|"
            + "{'type':'match','trade_id':1,'time':'2026-06-01T00:00:00Z',"
            + "'product_id':'BTC-USDT','size':'1','price':'1','side':'buy'}"
            + "|'sequence' is required for match",
        "BAD_VALUE|"
            + "{'type':'l2update','product_id':'BTC-USDT','changes':[],"
            + "'time':'2023-07-04T18:14:39'}"
            + "|'time' must be a UTC time like 2014-11-07T08:19:27.028459Z between 1970 and 2262,"
            + " got \"2023-07-04T18:14:39\"",
        "MISTYPED_FIELD|"
            + "{'type':'l2update','product_id':'BTC-USDT','time':'2026-06-01T00:00:00Z',"
            + "'changes':[['buy','1']]}"
            + "|'changes[0]' must be a [side, price, size] triple, got an array",
        "BAD_VALUE|"
            + "{'type':'l2update','product_id':'BTC-USDT','time':'2026-06-01T00:00:00Z',"
            + "'changes':[['bid','1','1']]}"
            + "|'changes[0][0]' must be buy or sell, got \"bid\"",
        "MISTYPED_FIELD|"
            + "{'type':'l2update','product_id':'BTC-USDT','time':'2026-06-01T00:00:00Z',"
            + "'changes':[[1,'1','1']]}"
            + "|'changes[0][0]' must be a string, got number 1",
        "BAD_NUMBER|"
            + "{'type':'l2update','product_id':'BTC-USDT','time':'2026-06-01T00:00:00Z',"
            + "'changes':[['sell','1','-2']]}"
            + "|'changes[0][2]' must not be negative, got -2",
        "BAD_NUMBER|{'type':'snapshot','product_id':'BTC-USDT','bids':[['0','1']],'asks':[]}"
            + "|'bids[0][0]' must be positive, got 0",
        "MISSING_FIELD|{'type':'ticker','sequence':1,'product_id':'BTC-USDT',"
            + "'time':'2026-06-01T00:00:00Z','best_bid':'1','best_bid_size':'1','best_ask':'2'}"
            + "|'best_ask_size' is required for ticker",
        "MISSING_FIELD|{'type':'heartbeat','sequence':90,'product_id':'BTC-USDT',"
            + "'time':'2014-11-07T08:19:28.464459Z'}"
            + "|'last_trade_id' is required for heartbeat",
        "MISTYPED_FIELD|{'type':'heartbeat','sequence':90,'last_trade_id':'20',"
            + "'product_id':'BTC-USDT','time':'2014-11-07T08:19:28.464459Z'}"
            + "|'last_trade_id' must be an integer, got string \"20\"",
        "BAD_NUMBER|{'type':'heartbeat','sequence':-1,'last_trade_id':20,"
            + "'product_id':'BTC-USDT','time':'2014-11-07T08:19:28.464459Z'}"
            + "|'sequence' must be between 0 and 9223372036854775807, got -1",
        "UNKNOWN_INSTRUMENT|{'type':'heartbeat','sequence':90,'last_trade_id':20,"
            + "'product_id':'BTC-USD','time':'2014-11-07T08:19:28.464459Z'}"
            + "|'product_id' \"BTC-USD\" is not mapped in meltica.venue-symbols.coinbase",
      })
  void shouldRejectNamingFieldAndValue(RejectReason reason, String json, String detail) {
    assertThatThrownBy(() -> decoded(json))
        .isInstanceOfSatisfying(
            LineRejected.class,
            rejected -> {
              assertThat(rejected.reason).isEqualTo(reason);
              assertThat(rejected.detail).isEqualTo(detail);
            });
  }
}
