package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.ingest.LineFramer.Frame;
import io.meltica.ingest.LineFramer.Line;
import io.meltica.ingest.LineFramer.TooLong;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class LineFramerTest extends StreamTestSupport {
  private static final int MAX = LineFramer.MAX_LINE_BYTES;

  /** Feeds {@code chunks} one at a time, as the stage does, and collects every frame. */
  private static List<Frame> split(LineFramer.Splitter splitter, List<ByteString> chunks) {
    List<Frame> frames = new ArrayList<>();
    for (ByteString chunk : chunks) {
      splitter.feed(chunk);
      for (Frame frame = splitter.next(); frame != null; frame = splitter.next()) {
        frames.add(frame);
      }
    }
    Frame last = splitter.finish();
    if (last != null) {
      frames.add(last);
    }
    return frames;
  }

  private static List<Frame> split(String... chunks) {
    List<ByteString> bytes = new ArrayList<>();
    for (String chunk : chunks) {
      bytes.add(ByteString.fromString(chunk, StandardCharsets.UTF_8));
    }
    return split(new LineFramer.Splitter(MAX), bytes);
  }

  private static Line line(long number, String text) {
    return new Line(number, ByteString.fromString(text, StandardCharsets.UTF_8));
  }

  @Test
  void shouldNumberLinesAndSkipBlankOnesWithoutRenumbering() {
    assertThat(split("a\n\n  \t\nb\n")).containsExactly(line(1, "a"), line(4, "b"));
  }

  @Test
  void shouldJoinLinesSplitAcrossChunks() {
    assertThat(split("{\"ki", "nd\":1}\n{", "}\n"))
        .containsExactly(line(1, "{\"kind\":1}"), line(2, "{}"));
  }

  @Test
  void shouldTreatCrLfAsOneLineBreak() {
    assertThat(split("a\r\nb\r", "\nc\r\n\r\n"))
        .containsExactly(line(1, "a"), line(2, "b"), line(3, "c"));
  }

  @Test
  void shouldEmitALastLineWithoutLineBreak() {
    assertThat(split("a\nb")).containsExactly(line(1, "a"), line(2, "b"));
    assertThat(split("a\nb\r")).containsExactly(line(1, "a"), line(2, "b"));
    assertThat(split("a\n")).containsExactly(line(1, "a"));
    assertThat(split("")).isEmpty();
  }

  @Test
  void shouldAcceptExactlyTheLimitAndRejectOneByteMore() {
    String atLimit = "x".repeat(MAX);
    String overLimit = "y".repeat(MAX + 1);
    List<Frame> frames =
        split(atLimit + "\n" + overLimit + "\n" + atLimit + "\r\n" + overLimit + "\r\n" + "z");
    assertThat(frames).hasSize(5);
    assertThat(((Line) frames.get(0)).bytes().size()).isEqualTo(MAX);
    assertThat(frames.get(1)).isEqualTo(new TooLong(2, MAX + 1, MAX));
    assertThat(((Line) frames.get(2)).bytes().size())
        .as("CR is not part of the line")
        .isEqualTo(MAX);
    assertThat(frames.get(3)).isEqualTo(new TooLong(4, MAX + 1, MAX));
    assertThat(frames.get(4)).isEqualTo(line(5, "z"));
  }

  @Test
  void shouldDropALongLineAsItArrivesInsteadOfHoldingIt() {
    LineFramer.Splitter splitter = new LineFramer.Splitter(MAX);
    ByteString chunk = ByteString.fromString("x".repeat(1024), StandardCharsets.UTF_8);
    int chunks = 1024; // a 1 MiB line
    splitter.feed(ByteString.fromString("ok\n", StandardCharsets.UTF_8));
    assertThat(splitter.next()).isEqualTo(line(1, "ok"));
    assertThat(splitter.next()).isNull();
    int mostHeld = 0;
    for (int i = 0; i < chunks; i++) {
      splitter.feed(chunk);
      assertThat(splitter.next()).isNull();
      mostHeld = Math.max(mostHeld, splitter.bufferedLineBytes());
    }
    assertThat(mostHeld).isLessThanOrEqualTo(MAX + 1);
    assertThat(splitter.bufferedLineBytes()).isZero();

    splitter.feed(ByteString.fromString("\r\nnext\n", StandardCharsets.UTF_8));
    assertThat(splitter.next()).isEqualTo(new TooLong(2, 1024L * chunks, MAX));
    assertThat(splitter.next()).isEqualTo(line(3, "next"));
    assertThat(splitter.finish()).isNull();
  }

  @Test
  void shouldReportAnUnterminatedLongLastLine() {
    assertThat(split("a\n", "b".repeat(MAX), "bb"))
        .containsExactly(line(1, "a"), new TooLong(2, MAX + 2, MAX));
  }

  @Test
  void shouldFrameAStreamOfSmallChunksAndGoOnAfterALongLine() {
    ByteString longChunk = ByteString.fromString("#".repeat(4096), StandardCharsets.UTF_8);
    Source<ByteString, ?> input =
        Source.single(ByteString.fromString("first\n", StandardCharsets.UTF_8))
            .concat(Source.repeat(longChunk).take(2048)) // an 8 MiB line
            .concat(
                Source.single(
                    ByteString.fromString("\nsecond\nthird\n\nlast", StandardCharsets.UTF_8)));

    assertThat(runToList(input.via(LineFramer.flow())))
        .containsExactly(
            line(1, "first"),
            new TooLong(2, 4096L * 2048, MAX),
            line(3, "second"),
            line(4, "third"),
            line(6, "last"));
  }

  @Test
  void shouldEmitEveryBufferedLineWhenUpstreamCompletesEarly() {
    Source<ByteString, ?> oneChunk =
        Source.single(ByteString.fromString("a\nb\n\nc", StandardCharsets.UTF_8));
    assertThat(runToList(oneChunk.via(LineFramer.flow(4))))
        .containsExactly(line(1, "a"), line(2, "b"), line(4, "c"));
    assertThat(runToList(Source.<ByteString>empty().via(LineFramer.flow()))).isEmpty();
  }
}
