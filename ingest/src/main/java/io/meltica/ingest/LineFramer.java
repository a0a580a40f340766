package io.meltica.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Splits a byte stream into numbered lines. Unlike {@code Framing.delimiter}, which fails the whole
 * stream on an over-long frame, an over-long line becomes a {@link TooLong} marker and the stream
 * goes on; its bytes are dropped as they arrive, so at most {@code maxLineBytes + 1} bytes of a
 * line are ever held.
 *
 * <p>Lines end at {@code '\n'}; one {@code '\r'} just before it is part of the line break (CRLF
 * files work, and the limit applies to the line without it). Line numbers start at 1 and count
 * every line, blank ones included; blank lines (only spaces, tabs and carriage returns) produce no
 * frame. A last line without a line break still counts.
 *
 * <p>Concurrency: the stage is immutable and may be materialized any number of times; each
 * materialization has its own {@link Splitter}, touched only by the stream's own thread.
 */
public final class LineFramer extends GraphStage<FlowShape<ByteString, LineFramer.Frame>> {
  /** The longest line accepted, in bytes without the line break: 64 KiB. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private static final byte LF = '\n';
  private static final byte CR = '\r';

  /** One line of input, or a marker for a line that was too long. */
  public sealed interface Frame permits Line, TooLong {
    /** 1-based number of the line in the input. */
    long lineNumber();
  }

  /** A non-blank line of at most the limit, without its line break. */
  public record Line(long lineNumber, ByteString bytes) implements Frame {}

  /**
   * A line of {@code length} bytes (without its line break) over {@code limit}; its bytes are gone.
   */
  public record TooLong(long lineNumber, long length, int limit) implements Frame {}

  private final int maxLineBytes;
  private final Inlet<ByteString> in = Inlet.create("LineFramer.in");
  private final Outlet<Frame> out = Outlet.create("LineFramer.out");
  private final FlowShape<ByteString, Frame> shape = FlowShape.of(in, out);

  private LineFramer(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Frames lines of up to {@link #MAX_LINE_BYTES}. */
  public static Flow<ByteString, Frame, NotUsed> flow() {
    return flow(MAX_LINE_BYTES);
  }

  /** Frames lines of up to {@code maxLineBytes}. */
  public static Flow<ByteString, Frame, NotUsed> flow(int maxLineBytes) {
    return Flow.fromGraph(new LineFramer(maxLineBytes));
  }

  @Override
  public FlowShape<ByteString, Frame> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new GraphStageLogic(shape) {
      private final Splitter splitter = new Splitter(maxLineBytes);

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                splitter.feed(grab(in));
                pushNextOrPull();
              }

              @Override
              public void onUpstreamFinish() {
                // What is left is at most one upstream chunk's lines plus the unterminated last
                // one.
                List<Frame> rest = new ArrayList<>();
                for (Frame frame = splitter.next(); frame != null; frame = splitter.next()) {
                  rest.add(frame);
                }
                Frame last = splitter.finish();
                if (last != null) {
                  rest.add(last);
                }
                if (rest.isEmpty()) {
                  completeStage();
                } else {
                  emitMultiple(out, rest.iterator(), () -> completeStage());
                }
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                pushNextOrPull();
              }
            });
      }

      // Called only while downstream has demand: on its pull, or on the push that answered it.
      private void pushNextOrPull() {
        Frame frame = splitter.next();
        if (frame != null) {
          push(out, frame);
        } else {
          pull(in);
        }
      }
    };
  }

  /**
   * The framing itself, apart from Pekko so that it can be tested chunk by chunk. Not thread-safe:
   * one instance per materialization, used by one thread at a time.
   */
  static final class Splitter {
    private final int maxLineBytes;
    private ByteString pending = ByteString.emptyByteString();
    private ByteString partial = ByteString.emptyByteString();
    private long lineLength;
    private boolean lastByteIsCr;
    private boolean discarding;
    private long lineNumber;

    Splitter(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    /**
     * Hands over the next chunk; call only after {@link #next()} returned null.
     *
     * @throws IllegalStateException if the previous chunk was not consumed yet
     */
    void feed(ByteString chunk) {
      if (!pending.isEmpty()) {
        throw new IllegalStateException("previous chunk not consumed yet");
      }
      pending = chunk;
    }

    /** The next complete frame of the chunks fed so far, or null when more input is needed. */
    LineFramer.Frame next() {
      while (!pending.isEmpty()) {
        int newline = pending.indexOf(LF);
        if (newline < 0) {
          append(pending);
          pending = ByteString.emptyByteString();
          return null;
        }
        append(pending.take(newline));
        pending = pending.drop(newline + 1);
        Frame frame = endLine();
        if (frame != null) {
          return frame;
        }
      }
      return null;
    }

    /** At end of input: the unterminated last line, or null if there is none or it is blank. */
    LineFramer.Frame finish() {
      return lineLength > 0 ? endLine() : null;
    }

    /** Bytes of the current, unfinished line held in memory (not counting the pending chunk). */
    int bufferedLineBytes() {
      return partial.size();
    }

    private void append(ByteString segment) {
      if (segment.isEmpty()) {
        return;
      }
      lineLength += segment.size();
      lastByteIsCr = segment.apply(segment.size() - 1) == CR;
      if (discarding) {
        return;
      }
      // One byte of slack: a trailing CR belongs to the line break, not to the line.
      if (partial.size() + segment.size() > maxLineBytes + 1) {
        discarding = true;
        partial = ByteString.emptyByteString();
        return;
      }
      partial = partial.concat(segment);
    }

    private Frame endLine() {
      lineNumber++;
      long length = lastByteIsCr ? lineLength - 1 : lineLength;
      Frame frame;
      if (length > maxLineBytes) {
        frame = new TooLong(lineNumber, length, maxLineBytes);
      } else {
        ByteString line = lastByteIsCr ? partial.dropRight(1) : partial;
        frame = isBlank(line) ? null : new Line(lineNumber, line);
      }
      partial = ByteString.emptyByteString();
      lineLength = 0;
      lastByteIsCr = false;
      discarding = false;
      return frame;
    }

    private static boolean isBlank(ByteString line) {
      for (int i = 0; i < line.size(); i++) {
        byte b = line.apply(i);
        if (b != ' ' && b != '\t' && b != CR) {
          return false;
        }
      }
      return true;
    }
  }
}
