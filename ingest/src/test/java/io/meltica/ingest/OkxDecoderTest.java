package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OKX decoder alone, on the push messages of OKX's v5 docs. JSON in the cases uses ' for " to
 * stay readable.
 */
class OkxDecoderTest {
  private static final long LINE = 7;
  private static final VenueSymbols SYMBOLS =
      VenueSymbols.of(
          "okx", Map.of("BTC-USDT", "BTC-USDT", "ETH-USDT", "ETH-USDT"), StreamTestSupport.IDS);
  private static final String BOOKS = "{'arg':{'channel':'books','instId':'BTC-USDT'},";
  private static final String TRADES = "{'arg':{'channel':'trades','instId':'BTC-USDT'},'data':[";
  private static final String TRADE =
      "{'instId':'BTC-USDT','tradeId':'130639474','px':'42219.9','sz':'0.12060306',"
          + "'side':'buy','ts':'1630048897897'}";

  private final OkxDecoder decoder = new OkxDecoder(SYMBOLS);

  private VenueDecoder.Result<OkxMessage> decode(String singleQuotedJson) {
    return decoder.decode(
        new LineFramer.Line(
            LINE,
            ByteString.fromString(singleQuotedJson.replace('\'', '"'), StandardCharsets.UTF_8)));
  }

  private OkxMessage decoded(String singleQuotedJson) {
    VenueDecoder.Result<OkxMessage> result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(VenueDecoder.Decoded.class);
    return ((VenueDecoder.Decoded<OkxMessage>) result).message();
  }

  private JsonLineDecoder.Rejected rejected(String singleQuotedJson) {
    VenueDecoder.Result<OkxMessage> result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(VenueDecoder.Failed.class);
    return ((VenueDecoder.Failed<OkxMessage>) result).rejected();
  }

  @Test
  void shouldDecodeATradesPushFromTheDocs() {
    OkxMessage.Trades trades = (OkxMessage.Trades) decoded(TRADES + TRADE + "]}");

    assertThat(trades.lineNumber()).isEqualTo(LINE);
    assertThat(trades.trades())
        .containsExactly(
            new OkxMessage.Trade(
                StreamTestSupport.BTC,
                130639474L,
                FixedPoint.parse("42219.9"),
                FixedPoint.parse("0.12060306"),
                1630048897897L * 1_000_000L,
                Side.BUY));
  }

  @Test
  void shouldDecodeEveryTradeOfAPushInOrderWithTheTakersSide() {
    OkxMessage.Trades trades =
        (OkxMessage.Trades)
            decoded(
                TRADES + TRADE + "," + TRADE.replace("buy", "sell").replace("474", "475") + "]}");

    assertThat(trades.trades())
        .extracting(OkxMessage.Trade::tradeId, OkxMessage.Trade::aggressor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(130639474L, Side.BUY),
            org.assertj.core.groups.Tuple.tuple(130639475L, Side.SELL));
  }

  @Test
  void shouldDecodeABooksSnapshotFromTheDocsKeepingTheTextsAsReceived() {
    OkxMessage.Book book =
        (OkxMessage.Book)
            decoded(
                BOOKS
                    + "'action':'snapshot','data':[{'asks':[['8476.98','415','0','13'],"
                    + "['8477','7','0','2']],'bids':[['8476.97','256','0','12'],"
                    + "['8475.50','101','0','1']],'ts':'1597026383085','checksum':-855196043,"
                    + "'prevSeqId':-1,'seqId':123456}]}");

    assertThat(book.snapshot()).isTrue();
    assertThat(book.instrumentId()).isEqualTo(StreamTestSupport.BTC);
    assertThat(book.seqId()).isEqualTo(123456);
    assertThat(book.prevSeqId()).isEqualTo(-1);
    assertThat(book.checksum()).isEqualTo(-855196043);
    assertThat(book.timeNanos()).isEqualTo(1597026383085L * 1_000_000L);
    assertThat(book.asks().prices())
        .containsExactly(FixedPoint.parse("8476.98"), FixedPoint.parse("8477"));
    assertThat(book.asks().sizes()).containsExactly(FixedPoint.parse("415"), FixedPoint.parse("7"));
    assertThat(book.bids().priceTexts()).containsExactly("8476.97", "8475.50");
    assertThat(book.bids().sizeTexts()).containsExactly("256", "101");
  }

  @Test
  void shouldDecodeAKeepAliveUpdateWithNoLevels() {
    OkxMessage.Book book =
        (OkxMessage.Book)
            decoded(
                BOOKS
                    + "'action':'update','data':[{'asks':[],'bids':[],'ts':'1','checksum':0,"
                    + "'prevSeqId':15,'seqId':15}]}");

    assertThat(book.snapshot()).isFalse();
    assertThat(book.bids().count()).isZero();
    assertThat(book.asks().count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unmapped instId|{'arg':{'channel':'trades','instId':'DOGE-USDT'},'data':[{'instId':'DOGE-USDT','tradeId':'1','px':'1','sz':'1','side':'buy','ts':'1'}]}|unknown_instrument|'instId' \"DOGE-USDT\" is not mapped in meltica.venue-symbols.okx",
        "unknown channel|{'arg':{'channel':'tickers','instId':'BTC-USDT'},'data':[{}]}|unknown_kind|'arg.channel' must be trades or books, got \"tickers\"",
        "subscribe ack|{'event':'subscribe','arg':{'channel':'books','instId':'BTC-USDT'},'connId':'a4d3ae55'}|unknown_kind|'event' \"subscribe\": only pushes of the trades and books channels are replayed",
        "bad side|"
            + "{'arg':{'channel':'trades','instId':'BTC-USDT'},'data':[{'instId':'BTC-USDT','tradeId':'1','px':'1','sz':'1','side':'hold','ts':'1'}]}|bad_value|'side' must be buy or sell, got \"hold\"",
        "ts not digits|{'arg':{'channel':'trades','instId':'BTC-USDT'},'data':[{'instId':'BTC-USDT','tradeId':'1','px':'1','sz':'1','side':'buy','ts':'-5'}]}|bad_number|'ts' must be a string of digits up to 9223372036854, got \"-5\"",
        "zero px|{'arg':{'channel':'trades','instId':'BTC-USDT'},'data':[{'instId':'BTC-USDT','tradeId':'1','px':'0','sz':'1','side':'buy','ts':'1'}]}|bad_number|'px' must be positive, got 0",
        "missing px|{'arg':{'channel':'trades','instId':'BTC-USDT'},'data':[{'instId':'BTC-USDT','tradeId':'1','sz':'1','side':'buy','ts':'1'}]}|missing_field|'px' is required for a trade",
        "bad action|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'partial','data':[{}]}|bad_value|'action' must be snapshot or update, got \"partial\"",
        "two elements|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{},{}]}|bad_value|'data' of a books push must hold one element, got 2",
        "short level|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{'asks':[],'bids':[['1','2']],'ts':'1','checksum':0,'prevSeqId':1,'seqId':2}]}|mistyped_field|'bids[0]' must be [price, size, liquidated orders, orders], got an array",
        "numeric size|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{'asks':[],'bids':[['1',2,'0','1']],'ts':'1','checksum':0,'prevSeqId':1,'seqId':2}]}|mistyped_field|'bids[0][1]' must be a decimal string, got number 2",
        "inexact price|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{'asks':[['1.000000001','1','0','1']],'bids':[],'ts':'1','checksum':0,'prevSeqId':1,'seqId':2}]}|bad_number|'asks[0][0]' has more than 8 decimals, got 1.000000001",
        "checksum out of int|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{'asks':[],'bids':[],'ts':'1','checksum':4294967296,'prevSeqId':1,'seqId':2}]}|bad_number|'checksum' must be between -2147483648 and 2147483647, got 4294967296",
        "prevSeqId below -1|{'arg':{'channel':'books','instId':'BTC-USDT'},'action':'update','data':[{'asks':[],'bids':[],'ts':'1','checksum':0,'prevSeqId':-2,'seqId':2}]}|bad_number|'prevSeqId' must be between -1 and 9223372036854775807, got -2",
      })
  void shouldRejectNamingFieldAndValue(String name, String json, String reason, String detail) {
    JsonLineDecoder.Rejected rejected = rejected(json);

    assertThat(rejected.reason().label()).isEqualTo(reason);
    assertThat(rejected.detail()).isEqualTo(detail);
    assertThat(rejected.lineNumber()).isEqualTo(LINE);
  }
}
