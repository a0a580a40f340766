package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.ingest.JsonLineDecoder.Accepted;
import io.meltica.ingest.JsonLineDecoder.Rejected;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decoder alone: no stream, no pool. JSON in the cases uses ' for " to stay readable. */
class JsonLineDecoderTest {
  private static final IdRegistry IDS = StreamTestSupport.IDS;
  private static final long SEED = 42;
  private static final long LINE = 7;
  private static final String TRADE = "'kind':'TRADE','venue':'okx','instrument':'ETH-USDT'";

  private final JsonLineDecoder decoder = new JsonLineDecoder(IDS, SEED);

  private JsonLineDecoder.Result decode(String singleQuotedJson) {
    String json = singleQuotedJson.replace('\'', '"');
    return decoder.decode(
        new LineFramer.Line(LINE, ByteString.fromString(json, StandardCharsets.UTF_8)));
  }

  private ReplayRecord accepted(String singleQuotedJson) {
    JsonLineDecoder.Result result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(Accepted.class);
    return ((Accepted) result).record();
  }

  private Rejected rejected(String singleQuotedJson) {
    JsonLineDecoder.Result result = decode(singleQuotedJson);
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          BAD_JSON           | {'kind':'TRADE'                                  | Unexpected end-of-input
          BAD_JSON           | not json                                         | Unrecognized token 'not'
          BAD_JSON           | [1,2]                                            | expected a JSON object, got an array
          BAD_JSON           | 'TRADE'                                          | expected a JSON object, got string "TRADE"
          BAD_JSON           | {'kind':'TRADE'} {}                              | Trailing token
          BAD_JSON           | {'kind':'TRADE','kind':'QUOTE'}                  | Duplicate field 'kind'
          MISSING_FIELD      | {}                                               | 'kind' is required
          MISTYPED_FIELD     | {'kind':3}                                       | 'kind' must be a string, got number 3
          UNKNOWN_KIND       | {'kind':'trade'}                                 | got "trade"
          UNKNOWN_KIND       | {'kind':'CONSOLIDATED_QUOTE'}                    | got "CONSOLIDATED_QUOTE"
          UNKNOWN_KIND       | {'kind':'CONTROL_ACK'}                           | got "CONTROL_ACK"
          UNKNOWN_KIND       | {'kind':'CONTROL_RESULT'}                        | got "CONTROL_RESULT"
          MISSING_FIELD      | {'kind':'TRADE','instrument':'BTC-USDT'}         | 'venue' is required for TRADE
          MISTYPED_FIELD     | {'kind':'TRADE','venue':['okx']}                 | 'venue' must be a string, got an array
          UNKNOWN_VENUE      | {'kind':'TRADE','venue':'kraken'}                | "kraken" is not a configured venue
          UNKNOWN_VENUE      | {'kind':'TRADE','venue':'OKX'}                   | "OKX" is not a configured venue
          MISSING_FIELD      | {'kind':'QUOTE','venue':'okx'}                   | 'instrument' is required for QUOTE
          UNKNOWN_INSTRUMENT | {'kind':'TRADE','venue':'okx','instrument':'XRP-USDT'} | "XRP-USDT" is not a configured instrument
          MISSING_FIELD      | {TRADE,'qty':1}                                  | 'price' is required for TRADE
          MISSING_FIELD      | {TRADE,'price':null,'qty':1}                     | 'price' is required for TRADE
          MISTYPED_FIELD     | {TRADE,'price':true,'qty':1}                     | 'price' must be a number or a decimal string, got boolean true
          MISTYPED_FIELD     | {TRADE,'price':{},'qty':1}                       | 'price' must be a number or a decimal string, got an object
          MISTYPED_FIELD     | {TRADE,'seq':'5','price':1,'qty':1}              | 'seq' must be an integer, got string "5"
          MISTYPED_FIELD     | {TRADE,'seq':1.5,'price':1,'qty':1}              | 'seq' must be an integer, got number 1.5
          MISTYPED_FIELD     | {TRADE,'ts':1.0,'price':1,'qty':1}               | 'ts' must be an integer, got number 1.0
          MISTYPED_FIELD     | {TRADE,'trace_id':12,'price':1,'qty':1}          | 'trace_id' must be a string, got number 12
          MISTYPED_FIELD     | {TRADE,'price':1,'qty':1,'side':1}               | 'side' must be a string, got number 1
          BAD_NUMBER         | {TRADE,'price':-1,'qty':1}                       | 'price' must not be negative, got -1
          BAD_NUMBER         | {TRADE,'price':'-0.5','qty':1}                   | 'price' must not be negative, got -0.5
          BAD_NUMBER         | {TRADE,'price':'abc','qty':1}                    | 'price' is not a decimal number, got "abc"
          BAD_NUMBER         | {TRADE,'price':' 1','qty':1}                     | 'price' is not a decimal number, got " 1"
          BAD_NUMBER         | {TRADE,'price':'','qty':1}                       | 'price' is not a decimal number, got ""
          BAD_NUMBER         | {TRADE,'price':'１２','qty':1}                     | 'price' is not a decimal number
          BAD_NUMBER         | {TRADE,'price':'1','qty':'0.٥'}                  | 'qty' is not a decimal number
          BAD_NUMBER         | {TRADE,'price':1.123456789,'qty':1}              | 'price' has more than 8 decimals, got 1.123456789
          BAD_NUMBER         | {TRADE,'price':'1.123456789','qty':1}            | 'price' has more than 8 decimals, got 1.123456789
          BAD_NUMBER         | {TRADE,'price':1e-999999999,'qty':1}             | 'price' has more than 8 decimals
          BAD_NUMBER         | {TRADE,'price':1,'qty':1e999999999}              | 'qty' exceeds 92233720368.54775807
          BAD_NUMBER         | {TRADE,'price':100000000000,'qty':1}             | 'price' exceeds 92233720368.54775807, got 100000000000
          BAD_NUMBER         | {TRADE,'price':'92233720368.54775808','qty':1}   | 'price' exceeds 92233720368.54775807
          BAD_NUMBER         | {TRADE,'seq':-1,'price':1,'qty':1}               | 'seq' must be between 0 and 9223372036854775807, got -1
          BAD_NUMBER         | {TRADE,'ts':9223372036854775808,'price':1,'qty':1} | 'ts' must be between 0 and 9223372036854775807
          BAD_NUMBER         | {TRADE,'target':0,'price':1,'qty':1}             | 'target' must be between 1 and 2147483647, got 0
          BAD_NUMBER         | {TRADE,'target':2147483648,'price':1,'qty':1}    | 'target' must be between 1 and 2147483647
          BAD_VALUE          | {TRADE,'price':1,'qty':1,'side':'HOLD'}          | 'side' must be one of [BUY, SELL], got "HOLD"
          BAD_VALUE          | {TRADE,'price':1,'qty':1,'side':'NONE'}          | 'side' must be one of [BUY, SELL], got "NONE"
          BAD_VALUE          | {TRADE,'trace_id':'abc','price':1,'qty':1}       | 'trace_id' must be 16 hex digits, not all zero, got "abc"
          BAD_VALUE          | {TRADE,'trace_id':'+123456789abcdef','price':1,'qty':1} | got "+123456789abcdef"
          BAD_VALUE          | {TRADE,'trace_id':'000000000000000g','price':1,'qty':1} | 16 hex digits
          BAD_VALUE          | {TRADE,'trace_id':'0000000000000000','price':1,'qty':1} | not all zero
          BAD_VALUE          | {TRADE,'trace_id':'000000000000000١','price':1,'qty':1} | 16 hex digits
          """)
  void shouldRejectWithTheReasonAndAMessageNamingTheProblem(
      RejectReason reason, String line, String detail) {
    Rejected rejected = rejected(line.replace("{TRADE,", "{" + TRADE + ","));

    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.lineNumber()).isEqualTo(LINE);
    assertThat(rejected.detail()).contains(detail).hasSizeLessThan(250).doesNotContain("\n");
  }

  @Test
  void shouldRejectMissingFieldsOfEveryKind() {
    String header = "'venue':'binance','instrument':'BTC-USDT'";
    assertThat(rejected("{'kind':'QUOTE'," + header + ",'bid':1,'bid_size':1,'ask':2}").detail())
        .isEqualTo("'ask_size' is required for QUOTE");
    assertThat(rejected("{'kind':'BOOK_SNAPSHOT'," + header + ",'bid':1}").detail())
        .isEqualTo("'bid_size' is required for BOOK_SNAPSHOT");
    assertThat(rejected("{'kind':'BOOK_DELTA'," + header + ",'price':1,'qty':0}").detail())
        .isEqualTo("'side' is required for BOOK_DELTA");
    String exec = "{'kind':'EXEC_REPORT'," + header + ",'order_id':9,'status':'FILLED'";
    assertThat(rejected(exec + ",'side':'BUY','price':1,'qty':1,'filled':1}").detail())
        .isEqualTo("'leaves' is required for EXEC_REPORT");
    assertThat(rejected(exec.replace("'order_id':9,", "") + "}").detail())
        .isEqualTo("'order_id' is required for EXEC_REPORT");
    assertThat(rejected(exec.replace("FILLED", "DONE") + "}").reason())
        .isEqualTo(RejectReason.BAD_VALUE);
  }

  @Test
  void shouldReportAnOverLongLineWithoutParsingIt() {
    JsonLineDecoder.Result result = decoder.decode(new LineFramer.TooLong(3, 70_000, 65_536));

    assertThat(result)
        .isEqualTo(
            new Rejected(3, RejectReason.LINE_TOO_LONG, "line is 70000 bytes, the limit is 65536"));
    assertThat(((Rejected) result).describe("f.jsonl"))
        .isEqualTo("f.jsonl:3: line_too_long: line is 70000 bytes, the limit is 65536");
  }

  @Test
  void shouldKeepDetailsShortAndOnOneLineWhateverTheInput() {
    String longName = "v".repeat(10_000);
    assertThat(rejected("{'kind':'TRADE','venue':'" + longName + "'}").detail())
        .hasSizeLessThan(100)
        .endsWith("...\" is not a configured venue");
    assertThat(rejected("{'kind':'TRADE','venue':'a\\nb\\u0000'}").detail())
        .isEqualTo("\"a\\u000ab\\u0000\" is not a configured venue");
    assertThat(rejected("{'kind':" + "9".repeat(900) + "}").detail()).hasSizeLessThan(250);
    assertThat(rejected("{'kind':'TRADE'," + "x".repeat(5000) + "}").detail()).hasSizeLessThan(250);
  }

  @Test
  void shouldRejectInvalidUtf8AndReadAByteOrderMark() {
    byte[] valid =
        ("{'kind':'TRADE','venue':'okx','instrument':'ETH-USDT','price':1,'qty':1,'side':'BUY',"
                + "'note':'é'}")
            .replace('\'', '"')
            .getBytes(StandardCharsets.UTF_8);
    byte[] invalid = valid.clone();
    invalid[invalid.length - 4] = (byte) 0xff; // replaces the é; 0xff never occurs in UTF-8
    byte[] withBom = new byte[valid.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(valid, 0, withBom, 3, valid.length);

    assertThat(decoder.decode(new LineFramer.Line(1, ByteString.fromArray(valid))))
        .isInstanceOf(Accepted.class);
    assertThat(decoder.decode(new LineFramer.Line(1, ByteString.fromArray(withBom))))
        .as("a UTF-8 byte order mark, as some editors write at the start of a file")
        .isInstanceOf(Accepted.class);
    JsonLineDecoder.Result result =
        decoder.decode(new LineFramer.Line(1, ByteString.fromArray(invalid)));
    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).isEqualTo(RejectReason.BAD_JSON);
    assertThat(((Rejected) result).detail()).contains("UTF-8");
  }

  @Test
  void shouldDecodeATradeWithEveryCommonField() {
    ReplayRecord trade =
        accepted(
            "{'kind':'TRADE','venue':'coinbase','instrument':'SOL-USDT','seq':12,'ts':1717236000000000001,"
                + "'trace_id':'4BF92F3577B34DA6','target':5,'price':'164.318','qty':85,'side':'SELL',"
                + "'bid':1,'note':'unknown fields are ignored'}");

    assertThat(trade)
        .isEqualTo(
            new ReplayRecord(
                LINE,
                EventKind.TRADE,
                3,
                3,
                12,
                1_717_236_000_000_000_001L,
                0x4bf92f3577b34da6L,
                5,
                16_431_800_000L,
                8_500_000_000L,
                Side.SELL,
                0,
                ExecStatus.NONE,
                0,
                0,
                0,
                0,
                0,
                0));
  }

  @Test
  void shouldDefaultOptionalFieldsAndDeriveTheTraceIdFromTheLineNumber() {
    ReplayRecord delta =
        accepted(
            "{'kind':'BOOK_DELTA','venue':'binance','instrument':'BTC-USDT','seq':null,"
                + "'price':67012.5,'qty':0,'side':'BUY'}");

    assertThat(delta.venueSequence()).isZero();
    assertThat(delta.eventTimeNanos()).isZero();
    assertThat(delta.targetStrategyId()).isEqualTo(Event.NO_TARGET);
    assertThat(delta.traceId()).isEqualTo(TraceIds.derive(SEED, LINE)).isNotEqualTo(TraceIds.NONE);
    assertThat(delta.quantity()).as("0 removes the level").isZero();
    assertThat(delta.price()).isEqualTo(6_701_250_000_000L);
  }

  @Test
  void shouldDecodeQuotesSnapshotsAndExecutionReports() {
    String book =
        "'venue':'okx','instrument':'BTC-USDT','bid':'67012.4','bid_size':'2.5','ask':67012.7,'ask_size':1.1}";
    for (String kind : List.of("QUOTE", "BOOK_SNAPSHOT")) {
      ReplayRecord quote = accepted("{'kind':'" + kind + "'," + book);
      assertThat(quote.kind()).isEqualTo(EventKind.valueOf(kind));
      assertThat(List.of(quote.bidPrice(), quote.bidSize(), quote.askPrice(), quote.askSize()))
          .containsExactly(6_701_240_000_000L, 250_000_000L, 6_701_270_000_000L, 110_000_000L);
      assertThat(quote.side()).isEqualTo(Side.NONE);
    }

    ReplayRecord report =
        accepted(
            "{'kind':'EXEC_REPORT','venue':'binance','instrument':'ETH-USDT','order_id':700001,"
                + "'status':'PARTIALLY_FILLED','side':'BUY','price':'3765.00','qty':'0.75',"
                + "'filled':'0.75','leaves':1.25,'target':1}");
    assertThat(report)
        .isEqualTo(
            new ReplayRecord(
                LINE,
                EventKind.EXEC_REPORT,
                1,
                2,
                0,
                0,
                TraceIds.derive(SEED, LINE),
                1,
                376_500_000_000L,
                75_000_000L,
                Side.BUY,
                700_001,
                ExecStatus.PARTIALLY_FILLED,
                75_000_000L,
                125_000_000L,
                0,
                0,
                0,
                0));
  }

  @Test
  void shouldParsePricesExactlyWhetherNumbersOrStrings() {
    String[][] cases = {
      {"0.1", "0.1"},
      {"'0.1'", "0.1"},
      {"67012.12345678", "67012.12345678"},
      {"0.00000001", "0.00000001"},
      {"'1E+2'", "100"},
      {"1e2", "100"},
      {"5", "5"},
      {"1.50000000000", "1.5"},
      {"92233720368.54775807", "92233720368.54775807"},
      {"-0", "0"},
    };
    for (String[] price : cases) {
      ReplayRecord trade =
          accepted("{" + TRADE + ",'side':'BUY','qty':1,'price':" + price[0] + "}");
      assertThat(trade.price()).as(price[0]).isEqualTo(FixedPoint.parse(price[1]));
    }
  }
}
