package io.meltica.ingest;

/**
 * What every venue decoder shares: a frame becomes a decoded message or a rejection with the line,
 * the reason and a detail naming field and value; never an exception for bad input.
 *
 * <p>Concurrency: implementations are immutable and thread-safe.
 *
 * @param <M> the venue's message type
 */
abstract class VenueDecoder<M> {
  /** What became of one line. */
  sealed interface Result<M> permits Decoded, Failed {}

  /** A valid message. */
  record Decoded<M>(M message) implements Result<M> {}

  /** A rejected line. */
  record Failed<M>(JsonLineDecoder.Rejected rejected) implements Result<M> {}

  /** Decodes and validates one frame; never throws for bad input. */
  final Result<M> decode(LineFramer.Frame frame) {
    if (frame instanceof LineFramer.TooLong tooLong) {
      return new Failed<>(JsonLineDecoder.tooLong(tooLong));
    }
    LineFramer.Line line = (LineFramer.Line) frame;
    try {
      return new Decoded<>(decode(line.lineNumber(), line.bytes().toArray()));
    } catch (LineRejected rejected) {
      return new Failed<>(
          new JsonLineDecoder.Rejected(line.lineNumber(), rejected.reason, rejected.detail));
    }
  }

  /** One line's JSON as a message, or the first problem found. */
  abstract M decode(long lineNumber, byte[] json) throws LineRejected;
}
