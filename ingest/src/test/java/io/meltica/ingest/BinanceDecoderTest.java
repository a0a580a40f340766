package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.ingest.BinanceMessage.BookTicker;
import io.meltica.ingest.BinanceMessage.DepthSnapshot;
import io.meltica.ingest.BinanceMessage.DepthUpdate;
import io.meltica.ingest.BinanceMessage.Trade;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Binance decoder alone, on the messages of Binance's API docs (symbols changed to mapped
 * ones). JSON in the cases uses ' for " to stay readable.
 */
class BinanceDecoderTest {
  private static final long LINE = 9;
  private static final VenueSymbols SYMBOLS =
      VenueSymbols.of(
          "binance", Map.of("BTCUSDT", "BTC-USDT", "ETHUSDT", "ETH-USDT"), StreamTestSupport.IDS);
  private static final String DEPTH =
      "{'e':'depthUpdate','E':1672515782136,'s':'BTCUSDT','U':157,'u':160,";

  private final BinanceDecoder decoder = new BinanceDecoder(SYMBOLS);

  private VenueDecoder.Result<BinanceMessage> decode(String singleQuotedJson) {
    String json = singleQuotedJson.replace('\'', '"');
    return decoder.decode(
        new LineFramer.Line(LINE, ByteString.fromString(json, StandardCharsets.UTF_8)));
  }

  private BinanceMessage decoded(String singleQuotedJson) {
    VenueDecoder.Result<BinanceMessage> result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(VenueDecoder.Decoded.class);
    return ((VenueDecoder.Decoded<BinanceMessage>) result).message();
  }

  private JsonLineDecoder.Rejected rejected(String singleQuotedJson) {
    VenueDecoder.Result<BinanceMessage> result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(VenueDecoder.Failed.class);
    return ((VenueDecoder.Failed<BinanceMessage>) result).rejected();
  }

  @Test
  void shouldDecodeATradeFromTheDocs() {
    Trade trade =
        (Trade)
            decoded(
                "{'e':'trade','E':1672515782136,'s':'BTCUSDT','t':12345,'p':'0.001',"
                    + "'q':'100','T':1672515782136,'m':true,'M':true}");

    assertThat(trade)
        .isEqualTo(
            new Trade(
                LINE,
                StreamTestSupport.BTC,
                12345,
                100_000L,
                100 * FixedPoint.SCALE,
                1_672_515_782_136_000_000L,
                Side.SELL));
  }

  @Test
  void shouldTakeTheBuyerAsAggressorWhenTheBuyerIsNotTheMaker() {
    Trade trade =
        (Trade)
            decoded("{'e':'trade','s':'ETHUSDT','t':1,'p':'1','q':'1','T':0,'m':false,'M':true}");

    assertThat(trade.aggressor()).isEqualTo(Side.BUY);
    assertThat(trade.instrumentId()).isEqualTo(StreamTestSupport.ETH);
  }

  @Test
  void shouldDecodeABookTickerFromTheCombinedStream() {
    BookTicker ticker =
        (BookTicker)
            decoded(
                "{'stream':'btcusdt@bookTicker','data':{'u':400900217,'s':'BTCUSDT',"
                    + "'b':'25.35190000','B':'31.21000000','a':'25.36520000','A':'40.66000000'}}");

    assertThat(ticker)
        .isEqualTo(
            new BookTicker(
                LINE,
                StreamTestSupport.BTC,
                400900217,
                2_535_190_000L,
                3_121_000_000L,
                2_536_520_000L,
                4_066_000_000L));
  }

  @Test
  void shouldDecodeADepthUpdateWithEveryLevel() {
    DepthUpdate update =
        (DepthUpdate)
            decoded(DEPTH + "'b':[['0.0024','10'],['0.0023','0']],'a':[['0.0026','100']]}");

    assertThat(update.firstUpdateId()).isEqualTo(157);
    assertThat(update.lastUpdateId()).isEqualTo(160);
    assertThat(update.eventTimeNanos()).isEqualTo(1_672_515_782_136_000_000L);
    assertThat(update.bids().prices()).containsExactly(240_000L, 230_000L);
    assertThat(update.bids().sizes()).containsExactly(10 * FixedPoint.SCALE, 0L);
    assertThat(update.asks().prices()).containsExactly(260_000L);
    assertThat(update.asks().sizes()).containsExactly(100 * FixedPoint.SCALE);
  }

  @Test
  void shouldDecodeANamedSnapshot() {
    DepthSnapshot snapshot =
        (DepthSnapshot)
            decoded(
                "{'snapshot':'ETHUSDT','data':{'lastUpdateId':1027024,"
                    + "'bids':[['4.00000000','431.00000000']],"
                    + "'asks':[['4.00000200','12.00000000']]}}");

    assertThat(snapshot.instrumentId()).isEqualTo(StreamTestSupport.ETH);
    assertThat(snapshot.lastUpdateId()).isEqualTo(1027024);
    assertThat(snapshot.bids().prices()).containsExactly(400_000_000L);
    assertThat(snapshot.bids().sizes()).containsExactly(43_100_000_000L);
    assertThat(snapshot.asks().prices()).containsExactly(400_000_200L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0.00000001            | 1
          67012.12345678        | 6701212345678
          1.50000000000         | 150000000
          92233720368.54775807  | 9223372036854775807
          """)
  void shouldReadDecimalStringsExactly(String text, long fixed) {
    DepthUpdate update = (DepthUpdate) decoded(DEPTH + "'b':[['" + text + "','1']],'a':[]}");

    assertThat(update.bids().prices()[0]).isEqualTo(fixed);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          BAD_NUMBER         | 'b':[['0.123456789','1']],'a':[]       | 'b[0][0]' has more than 8 decimals, got 0.123456789
          BAD_NUMBER         | 'b':[],'a':[['1','92233720369']]      | 'a[0][1]' exceeds 92233720368.54775807, got 92233720369
          BAD_NUMBER         | 'b':[['-1','1']],'a':[]                | 'b[0][0]' must not be negative, got -1
          BAD_NUMBER         | 'b':[['1,5','1']],'a':[]               | 'b[0][0]' is not a decimal number, got "1,5"
          BAD_NUMBER         | 'b':[['0','1']],'a':[]                 | 'b[0][0]' must be positive, got 0
          MISTYPED_FIELD     | 'b':[['1']],'a':[]                     | 'b[0]' must be a [price, quantity] pair, got an array
          MISTYPED_FIELD     | 'b':[[true,'1']],'a':[]                | 'b[0][0]' must be a number or a decimal string, got boolean true
          MISTYPED_FIELD     | 'b':{},'a':[]                          | 'b' must be an array, got an object
          MISSING_FIELD      | 'b':[]                                 | 'a' is required for depthUpdate
          """)
  void shouldRejectBadLevelsNamingFieldAndValue(RejectReason reason, String levels, String detail) {
    JsonLineDecoder.Rejected rejected = rejected(DEPTH + levels + "}");

    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.detail()).isEqualTo(detail);
    assertThat(rejected.lineNumber()).isEqualTo(LINE);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          UNKNOWN_INSTRUMENT | {'e':'trade','s':'BNBBTC','t':1,'p':'1','q':'1','T':0,'m':true}   | 's' "BNBBTC" is not mapped in meltica.venue-symbols.binance
          UNKNOWN_INSTRUMENT | {'snapshot':'btcusdt','data':{}}                                  | 'snapshot' "btcusdt" is not mapped in meltica.venue-symbols.binance
          UNKNOWN_KIND       | {'e':'kline','s':'BTCUSDT'}                                        | 'e' must be trade or depthUpdate (or absent for bookTicker), got "kline"
          MISSING_FIELD      | {'lastUpdateId':1,'bids':[],'asks':[]}                            | a depth snapshot must be wrapped as {"snapshot":SYMBOL,"data":{...}}
          MISSING_FIELD      | {'e':'trade','s':'BTCUSDT','t':1,'p':'1','q':'1','T':0}           | 'm' is required for trade
          MISSING_FIELD      | {'u':1,'s':'BTCUSDT','b':'1','B':'1','a':'1'}                      | 'A' is required for bookTicker
          MISTYPED_FIELD     | {'e':'trade','s':'BTCUSDT','t':'1','p':'1','q':'1','T':0,'m':true} | 't' must be an integer, got string "1"
          MISTYPED_FIELD     | {'stream':'x','data':[]}                                           | 'data' must be an object, got an array
          BAD_NUMBER         | {'e':'trade','s':'BTCUSDT','t':1,'p':'0','q':'1','T':0,'m':true}   | 'p' must be positive, got 0
          BAD_NUMBER         | {'e':'depthUpdate','E':0,'s':'BTCUSDT','U':9,'u':8,'b':[],'a':[]}  | 'U' must not exceed 'u', got U=9 u=8
          BAD_JSON           | {'e':'trade','e':'trade'}                                          | Duplicate field 'e'
          """)
  void shouldRejectBadMessagesNamingFieldAndValue(RejectReason reason, String json, String detail) {
    JsonLineDecoder.Rejected rejected = rejected(json);

    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.detail()).startsWith(detail);
  }

  @Test
  void shouldRejectATooLongLineLikeTheReplayFormat() {
    VenueDecoder.Result<BinanceMessage> result =
        decoder.decode(new LineFramer.TooLong(3, 600_000, 524_288));

    assertThat(((VenueDecoder.Failed<BinanceMessage>) result).rejected().describe("f.jsonl"))
        .isEqualTo("f.jsonl:3: line_too_long: line is 600000 bytes, the limit is 524288");
  }

  @Test
  void shouldRefuseAMappingToAnInstrumentThatIsNotConfigured() {
    assertThatThrownBy(
            () ->
                VenueSymbols.of("binance", Map.of("DOGEUSDT", "DOGE-USDT"), StreamTestSupport.IDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "meltica.venue-symbols.binance.DOGEUSDT names \"DOGE-USDT\", which is not in"
                + " meltica.instruments");
  }

  @Test
  void shouldReadTheDefaultMappingFromReferenceConf() {
    VenueSymbols symbols =
        VenueSymbols.fromConfig(
            com.typesafe.config.ConfigFactory.load(), "binance", StreamTestSupport.IDS);

    assertThat(symbols.instrumentId("BTCUSDT")).isEqualTo(StreamTestSupport.BTC);
    assertThat(symbols.instrumentId("SOLUSDT")).isEqualTo(StreamTestSupport.SOL);
    assertThat(symbols.instrumentId("btcusdt")).isEqualTo(VenueSymbols.UNMAPPED);
  }
}
