package io.meltica.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.meltica.ingest.VenueFeedStats;
import io.meltica.simulation.SimulationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SimulationReport} as the pretty-printed JSON document described in
 * docs/report.md: snake_case keys in record component order, preceded by {@code schema} and {@code
 * problem}. Instances are immutable and safe to share between threads.
 */
public final class JsonReportWriter {

  /**
   * Identifies the document layout; bump the number when a key changes meaning or goes away. 2:
   * {@code latency_us}, {@code timeline[].p99_us} and {@code latency_curve} leave consolidated
   * quotes out (they have {@code consolidated_quotes} and {@code latency_by_kind_us}).
   */
  public static final String SCHEMA = "meltica-report/2";

  private final ObjectMapper mapper = createMapper();
  private final ObjectWriter writer = mapper.writer(prettyPrinter());

  /** The report as JSON text, ending with a newline, with an empty {@code feeds} list. */
  public String toJson(SimulationReport report) {
    return toJson(report, List.of());
  }

  /** The report and the venue feeds of the run (docs/venues.md) as JSON text. */
  public String toJson(SimulationReport report, List<VenueFeedStats.Summary> feeds) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("problem", report.problem());
    root.setAll((ObjectNode) mapper.valueToTree(report));
    root.set("feeds", mapper.valueToTree(feeds));
    try {
      return writer.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of plain nodes cannot fail to serialize; if it does, it is a bug, not an input.
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the report to {@code file} in UTF-8, replacing it; the directory must exist. */
  public void write(SimulationReport report, List<VenueFeedStats.Summary> feeds, Path file)
      throws IOException {
    Files.writeString(file, toJson(report, feeds), StandardCharsets.UTF_8);
  }

  private static ObjectMapper createMapper() {
    SimpleModule finiteDoubles = new SimpleModule("meltica-finite-doubles");
    finiteDoubles.addSerializer(Double.class, new FiniteDoubleSerializer());
    finiteDoubles.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        // Map.copyOf iterates in no fixed order; sorted keys keep two runs' files diffable.
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .registerModule(finiteDoubles);
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    // "\n" rather than the platform separator, so the same run gives the same bytes everywhere.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /**
   * JSON has no NaN or infinity; Jackson would write them as strings or bare tokens that strict
   * parsers reject. A figure that could not be measured becomes {@code null}.
   */
  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
